/**
 * A QR code as one SVG path, drawn by React so it is identical in the UI
 * preview, the printed PDF and the video end card. Encoding is the qrcode
 * package's; we only draw its modules.
 */
import QRCode from 'qrcode';

export interface QrCodeProps {
  value: string;
  /** Rendered width and height, any CSS length. */
  size: number | string;
  color?: string;
  background?: string;
  /** Quiet zone in modules; the standard asks for 4. */
  margin?: number;
  title?: string;
}

export function QrCode({ value, size, color = '#000', background = '#fff', margin = 4, title }: QrCodeProps) {
  const { modules } = QRCode.create(value, { errorCorrectionLevel: 'M' });
  const count = modules.size;
  const full = count + margin * 2;
  let d = '';
  for (let y = 0; y < count; y++) {
    for (let x = 0; x < count; x++) {
      if (modules.get(x, y)) d += `M${x + margin} ${y + margin}h1v1h-1z`;
    }
  }
  return (
    <svg width={size} height={size} viewBox={`0 0 ${full} ${full}`} shapeRendering="crispEdges" role="img" aria-label={title ?? value}>
      {title ? <title>{title}</title> : null}
      <rect width={full} height={full} fill={background} />
      <path d={d} fill={color} />
    </svg>
  );
}
