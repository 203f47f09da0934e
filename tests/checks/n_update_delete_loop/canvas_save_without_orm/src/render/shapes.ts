// A drawing app with no database: `ctx.save()` pushes the canvas state,
// it writes no row. Drawing each shape of a growing scene is no
// per-row UPDATE.
export type Shape = { x: number; y: number; w: number; h: number; angle: number };

function drawOutline(ctx: CanvasRenderingContext2D, s: Shape) {
  ctx.save();
  ctx.translate(s.x, s.y);
  ctx.rotate(s.angle);
  ctx.strokeRect(0, 0, s.w, s.h);
  ctx.restore();
}

export function renderScene(ctx: CanvasRenderingContext2D, shapes: Shape[]) {
  for (const shape of shapes) {
    drawOutline(ctx, shape);
  }
  shapes.forEach((shape) => {
    drawOutline(ctx, shape);
  });
}
