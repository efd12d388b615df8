import { type JSX, onMount } from 'solid-js';
import { setTitle } from '../ui/format.ts';

export default function SignupPage(): JSX.Element {
  onMount(() => setTitle('Become an author'));
  return (
    <article class="card prose-page">
      <h1>Become an author</h1>
      <p>
        <strong>Accounts aren't open yet.</strong> Sign-up and sign-in arrive in a coming release; until then there is
        no form to fill in here, and nothing is collected.
      </p>
      <h2>What an author gets</h2>
      <ul>
        <li>
          A profile page at <code>/@your-handle</code>, with your headline, bio, location, website and GitHub, and a
          permanent link that keeps working if you change your handle.
        </li>
        <li>An editor for posts with code blocks, images and links — and it keeps working offline, like the reader.</li>
        <li>Tags, so readers who follow a topic find your posts, and series to publish a topic in parts.</li>
        <li>Reactions, comments and followers, with the counts shown on your posts and profile.</li>
        <li>A “Support” link on your profile to your own page for readers who want to support your writing.</li>
        <li>No ads or tracking cookies next to your writing.</li>
      </ul>
      <p>
        Until then, <a href="/">read what's published</a> — and save posts for offline reading on the go.
      </p>
    </article>
  );
}
