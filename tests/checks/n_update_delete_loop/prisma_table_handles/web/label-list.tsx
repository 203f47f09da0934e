// A page listing labels: the button's handler has the repository
// method's name but is a local of the component (a request per click),
// not the server-side method. Silent.
import React, { useCallback } from 'react';

export function LabelList({ labels }: { labels: any[] }) {
  const deleteLabel = useCallback(
    (label: any) => async () => {
      await fetch(`/labels/${label.id}`, { method: 'DELETE' });
    },
    []
  );
  return (
    <ul>
      {labels.map((label: any) => (
        <li key={label.id}>
          <button onClick={deleteLabel(label)}>{label.name}</button>
        </li>
      ))}
    </ul>
  );
}
