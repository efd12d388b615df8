/** Comment texts for the demo catalog: what readers of a system-design post plausibly say. */
export const COMMENT_TEXTS: readonly string[] = [
  "This is the clearest explanation of this I've read. The diagram is what made it click for me.",
  "We hit exactly this last quarter. I wish I'd had this post before the incident review, not after.",
  'How does this change if the clients are mobile and can be offline for days at a time?',
  'Bookmarking this for our next design review. The section on failure modes is gold.',
  'Nice write-up. One nit: the numbers assume a single region, and cross-region latency shifts the trade-off quite a bit.',
  'Would love a follow-up on how you tested this. Fault injection, or did production do the teaching?',
  'We went the other way and regretted it for two years. Your reasoning matches what we eventually learned.',
  'Sharing this with the new folks on my team. It says in ten minutes what took me a year to pick up.',
  'Curious what the operational cost looked like. Did on-call load actually go down after the change?',
  "The point about measuring before choosing is underrated. Most of our 'scaling problems' were one missing index.",
  'Is there a reason you ruled out the boring option of doing the work synchronously and accepting the latency?',
  'This maps surprisingly well onto how we run our Kafka consumers, even though the post never mentions Kafka.',
  'I printed the checklist at the end and stuck it next to my monitor. Thank you.',
  'Worth adding: the default timeouts in most HTTP clients are far longer than people assume, which makes this worse.',
  "Do you have a rule of thumb for when this becomes worth the complexity? We're at roughly 2k requests per second.",
  'The incident story at the start is painfully familiar. 3 a.m. pages are the best teachers, sadly.',
  'Really appreciate that you covered what goes wrong and not just the happy path.',
  'How would you explain this trade-off to a product manager who just wants it to be fast?',
  'We tried this and ran straight into clock skew between hosts. Maybe worth a warning box?',
  'Read it twice. The second time through, the last section finally landed.',
  'Any recommended reading if I want to go deeper on this?',
  'Thanks for keeping the examples small enough to actually run on a laptop.',
];

/** What an author says back under their own post. */
export const REPLY_TEXTS: readonly string[] = [
  'Thanks! A follow-up on how we tested this is in the works.',
  'Good question. Short answer: it depends on how much staleness your users can live with. I will expand on that in a later post.',
  "Fair point, I'll add a note about that.",
  'Glad it helped. Let me know how it goes in your setup.',
];
