// The helpers are imported by relative paths: `../noteId/...`.
import updateNoteById from '../noteId/updateNoteById';
import summarizeNote from '../noteId/summarizeNote';

export async function renameNotes(userId: number, notes: { id: number; title: string }[]) {
  for (const note of notes) {
    await updateNoteById(userId, note.id, note.title); // expect: n_update_delete_loop HIGH
  }
}

// Look-alike: each pass calls a remote service for the item first.
export async function summarizeNotes(notes: { id: number; text: string }[]) {
  for (const note of notes) {
    await summarizeNote(note.id, note.text);
  }
}
