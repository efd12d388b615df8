/** The post's tags at its end, each with a Follow toggle: where a reader decides to read more of a topic. */
import { For, type JSX, Show } from 'solid-js';
import { Follow } from './Follow.tsx';

export function PostTopics(props: { tags: string[] }): JSX.Element {
  return (
    <Show when={props.tags.length > 0}>
      <section class="card topics-card" aria-labelledby="post-topics">
        <h2 id="post-topics" class="small-heading">
          Topics in this post
        </h2>
        <ul class="topic-list">
          <For each={props.tags}>
            {(tag) => (
              <li>
                <a class="chip" href={`/t/${encodeURIComponent(tag)}`}>
                  #{tag}
                </a>
                <Follow target={{ kind: 'tag', slug: tag }} subject={`#${tag}`} size="sm" />
              </li>
            )}
          </For>
        </ul>
      </section>
    </Show>
  );
}
