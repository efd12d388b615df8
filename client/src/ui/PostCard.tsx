/** A post in a feed: title, excerpt, byline, tags and counts, like a dev.to card. */
import type { JSX } from 'solid-js';
import type { PostSummary } from '../../../shared/src/model/catalog.ts';
import { Avatar, TagChips } from './Basics.tsx';
import { count, formatDate, readingTime } from './format.ts';

export type CardPost = Pick<
  PostSummary,
  'slug' | 'title' | 'excerpt' | 'author' | 'tags' | 'publishedAt' | 'readingMinutes' | 'reactionCount' | 'commentCount'
>;

export function PostCounts(props: { reactions: number; comments: number; minutes?: number }): JSX.Element {
  return (
    <ul class="counts">
      <li>
        <span aria-hidden="true">♥ </span>
        {count(props.reactions, 'reaction')}
      </li>
      <li>{count(props.comments, 'comment')}</li>
      {props.minutes !== undefined && <li>{readingTime(props.minutes)}</li>}
    </ul>
  );
}

export function PostCard(props: { post: CardPost }): JSX.Element {
  const href = () => `/p/${encodeURIComponent(props.post.slug)}`;
  return (
    <article class="card post-card">
      <div class="byline">
        <Avatar id={props.post.author.id} name={props.post.author.displayName} src={props.post.author.avatarUrl} />
        <div>
          <a class="byline-name" href={`/@${props.post.author.handle}`}>
            {props.post.author.displayName}
          </a>
          <time class="muted small" datetime={props.post.publishedAt}>
            {formatDate(props.post.publishedAt)}
          </time>
        </div>
      </div>
      <h3 class="post-card-title">
        <a href={href()}>{props.post.title}</a>
      </h3>
      <p class="excerpt">{props.post.excerpt}</p>
      <TagChips tags={props.post.tags} />
      <PostCounts
        reactions={props.post.reactionCount}
        comments={props.post.commentCount}
        minutes={props.post.readingMinutes}
      />
    </article>
  );
}
