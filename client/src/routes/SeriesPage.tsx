import { useParams } from '@solidjs/router';
import { createEffect, For, type JSX, Show } from 'solid-js';
import { useSeries } from '../state/catalog.ts';
import { coauthorChanges, useSeriesCoauthors } from '../state/coauthors.ts';
import { currentUser } from '../state/session.ts';
import { count, formatDate, setTitle } from '../ui/format.ts';
import { PageSwitch } from '../ui/PageState.tsx';
import { CoauthorPanel, SeriesByline } from '../ui/SeriesCoauthors.tsx';
import { Follow } from './Follow.tsx';
import { OfflineSave } from './OfflineSave.tsx';

export default function SeriesPage(): JSX.Element {
  const params = useParams<{ slug: string }>();
  const series = useSeries(() => params.slug);
  const people = useSeriesCoauthors(() => params.slug);
  const isOwner = () => {
    const user = currentUser();
    return Boolean(user && user.id === series.data()?.author.id);
  };
  createEffect(() => setTitle(series.data()?.title ?? 'Series'));

  return (
    <PageSwitch
      status={series.status()}
      message={series.message()}
      onRetry={series.revalidate}
      notFound="This series doesn't exist."
    >
      <Show when={series.data()}>
        {(s) => (
          <div class="series-page">
            <header class="card page-header">
              <p class="muted small">Series · {count(s().parts.length, 'part')}</p>
              <h1>{s().title}</h1>
              <Show when={s().description}>
                <p>{s().description}</p>
              </Show>
              <SeriesByline owner={people.data()?.owner ?? s().author} coauthors={people.data()?.coauthors ?? []} />
              <OfflineSave
                target={() => ({ kind: 'series', slug: s().slug })}
                subject="the whole series"
                label="Make series available offline"
                savedLabel="Series available offline"
              />
              <Follow target={{ kind: 'series', slug: s().slug }} subject={s().title} label="Follow series" />
            </header>
            <Show when={isOwner()}>
              <CoauthorPanel
                invitations={people.data()?.invitations ?? []}
                onInvite={async (handle) => void (await coauthorChanges().invite(s().slug, handle))}
                onRetry={(entryId) => coauthorChanges().retry(entryId)}
                onDrop={(entryId) => coauthorChanges().drop(entryId)}
              />
            </Show>
            <section aria-labelledby="series-parts">
              <h2 id="series-parts" class="section-title">
                Parts
              </h2>
              <ol class="card series-parts series-parts-large">
                <For each={[...s().parts].sort((a, b) => a.part - b.part)}>
                  {(part) => (
                    <li>
                      <a href={`/p/${encodeURIComponent(part.slug)}`}>{part.title}</a>
                      <time class="muted small" datetime={part.publishedAt}>
                        {formatDate(part.publishedAt)}
                      </time>
                    </li>
                  )}
                </For>
              </ol>
            </section>
          </div>
        )}
      </Show>
    </PageSwitch>
  );
}
