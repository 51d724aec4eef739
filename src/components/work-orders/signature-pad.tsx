'use client';
import { useEffect, useRef } from 'react';

/**
 * The customer's signature drawn on the screen (pointer events: finger, pen or mouse) on a <canvas>. `onChange` says
 * whether anything is drawn; `padRef.current.toBlob()` gives the PNG to upload. White background, so the printed PDF
 * shows ink on paper.
 */
export type SignaturePadHandle = { toBlob: () => Promise<Blob | null>; clear: () => void };

export function SignaturePad({
  padRef,
  onChange,
  label,
  clearLabel,
  testId,
}: {
  padRef: React.RefObject<SignaturePadHandle | null>;
  onChange: (drawn: boolean) => void;
  label: string;
  clearLabel: string;
  testId?: string;
}) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);

  useEffect(() => {
    const canvas = canvasRef.current!;
    const context = canvas.getContext('2d')!;
    const paintBlank = () => {
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, canvas.width, canvas.height);
    };
    paintBlank();
    padRef.current = {
      toBlob: () => new Promise((resolve) => canvas.toBlob(resolve, 'image/png')),
      clear: () => {
        paintBlank();
        onChange(false);
      },
    };
  }, [padRef, onChange]);

  const point = (event: React.PointerEvent<HTMLCanvasElement>) => {
    const canvas = event.currentTarget;
    const box = canvas.getBoundingClientRect();
    return {
      x: ((event.clientX - box.left) * canvas.width) / box.width,
      y: ((event.clientY - box.top) * canvas.height) / box.height,
    };
  };

  return (
    <div className="space-y-1">
      <div className="flex items-center justify-between">
        <span className="text-xs font-medium text-slate-700">{label}</span>
        <button type="button" className="text-xs text-blue-700 underline" onClick={() => padRef.current?.clear()}>
          {clearLabel}
        </button>
      </div>
      <canvas
        ref={canvasRef}
        width={600}
        height={240}
        aria-label={label}
        data-testid={testId}
        className="h-40 w-full touch-none rounded border border-slate-400 bg-white"
        onPointerDown={(event) => {
          event.currentTarget.setPointerCapture(event.pointerId);
          drawing.current = true;
          const context = event.currentTarget.getContext('2d')!;
          const { x, y } = point(event);
          context.beginPath();
          context.moveTo(x, y);
        }}
        onPointerMove={(event) => {
          if (!drawing.current) return;
          const context = event.currentTarget.getContext('2d')!;
          const { x, y } = point(event);
          context.lineWidth = 4;
          context.lineCap = 'round';
          context.strokeStyle = '#0f172a';
          context.lineTo(x, y);
          context.stroke();
          onChange(true);
        }}
        onPointerUp={() => (drawing.current = false)}
        onPointerCancel={() => (drawing.current = false)}
      />
    </div>
  );
}
