/**
 * The canvas's level of detail. Below `FAR_ZOOM` a chip's 12 px text is under 5 px on screen and a
 * handle under 4 px: the canvas gets the class `is-far`, `canvas-detail.css` stops drawing the
 * stage nodes' chips, figures and handles (their place is kept, so nothing is measured again), and
 * the grey process-order arrows are left out.
 * Shared with the editor bench, which measures the canvas on both sides of it.
 */
export const FAR_ZOOM = 0.4;

/**
 * The edges drawn: all of them, or zoomed out (`far`) all but the process-order arrows (`order:…`
 * ids, see `toEdges`) — a few hundred edges on a large canvas that React Flow would re-place on
 * every drag move, drawn a pixel wide. Keeps the array when nothing is left out.
 */
export function edgesForDetail<E extends { id: string }>(edges: E[], far: boolean): E[] {
  return far ? edges.filter((e) => !e.id.startsWith("order:")) : edges;
}
