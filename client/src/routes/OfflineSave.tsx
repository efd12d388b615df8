/** Glue between the offline-save state and the presentational button. */
import type { Accessor, JSX } from 'solid-js';
import { createOfflineControl, type SaveTarget } from '../state/offline.ts';
import { OfflineButton } from '../ui/OfflineButton.tsx';

export function OfflineSave(props: {
  target: Accessor<SaveTarget | undefined>;
  subject: string;
  label?: string;
  savedLabel?: string;
}): JSX.Element {
  const control = createOfflineControl(props.target);
  const saved = () => {
    const item = control.saved();
    return item ? { bytes: item.bytes, postCount: item.postSlugs.length } : undefined;
  };
  return (
    <OfflineButton
      label={props.label ?? 'Make available offline'}
      savedLabel={props.savedLabel ?? 'Available offline'}
      subject={props.subject}
      saved={saved()}
      busy={control.busy()}
      progress={control.progress()}
      error={control.error()}
      note={control.note()}
      onSave={() => void control.save()}
      onRemove={() => void control.remove()}
    />
  );
}
