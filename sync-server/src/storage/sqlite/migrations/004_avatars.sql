-- Uploaded avatars (issue 5 §2): the site path of the user's current image under /media/avatars/, or
-- NULL for the generated initials.
ALTER TABLE users ADD COLUMN avatar_url TEXT;
