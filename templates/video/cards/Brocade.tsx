/** A band of woven pattern in the colours of upland brocade, framing the cards. */
export function Brocade({ width, height }: { width: number; height: number }) {
  const h = height;
  const n = Math.ceil(width / h) + 1;
  return (
    <svg width={width} height={h} viewBox={`0 0 ${n * 40} 40`} preserveAspectRatio="xMinYMid slice" style={{ display: 'block' }}>
      <rect width={n * 40} height={40} fill="#24283f" />
      <rect y={4} width={n * 40} height={5} fill="#d8304f" />
      <rect y={31} width={n * 40} height={5} fill="#d8304f" />
      {Array.from({ length: n }, (_, i) => (
        <g key={i} transform={`translate(${i * 40 + 20} 20)`}>
          <path d="M 0 -9 L 9 0 L 0 9 L -9 0 Z" fill="#f2b632" />
          <path d="M 0 -4 L 4 0 L 0 4 L -4 0 Z" fill="#2f9e6e" />
          <circle cx={20} cy={0} r={3} fill="#e25fa0" />
        </g>
      ))}
    </svg>
  );
}
