import React, { useCallback } from 'react';

// Look-alike: `archiveLane` here is the page's own callback (it asks the
// API once, when the button is clicked), not the repository method of
// the same name.
export function Lanes({ data, api }: { data: { id: string }[]; api: any }) {
  const archiveLane = useCallback(
    (lane: { id: string }) => async () => {
      await api.delete(`/lanes/${lane.id}`);
    },
    [api]
  );
  return (
    <ul>
      {data.map((lane) => (
        <li key={lane.id}>
          <button onClick={archiveLane(lane)}>archive</button>
        </li>
      ))}
    </ul>
  );
}
