/**
 * Closing card: the key messages (revealed one by one), the hotline, and a QR
 * code to the portal page, with the issuer. 16:9 sets messages and contact
 * side by side; 9:16 and 1:1 stack them.
 */
import { QrCode } from '../../shared/QrCode.js';
import { END_FIRST_MESSAGE_STEP, END_STEPS_PER_MESSAGE } from '../frameState.js';
import { safeBox, unit } from '../layout.js';
import type { EndSegment, VideoPlan } from '../plan.js';
import { Brocade } from './Brocade.js';
import { appear } from './TitleCard.js';

/** Characters of message text each aspect holds at full size. */
const CAPACITY = { '16:9': 420, '9:16': 520, '1:1': 300 } as const;

export function EndCard({ plan, seg, step }: { plan: VideoPlan; seg: EndSegment; step: number }) {
  const u = unit(plan.width, plan.height);
  const safe = safeBox(plan.aspect, plan.width, plan.height);
  const wide = plan.aspect === '16:9';
  const square = plan.aspect === '1:1';
  const chars = seg.messages.reduce((n, m) => n + m.length, 0);
  const msgSize = (wide ? 42 : 44) * u * Math.min(1, Math.sqrt(CAPACITY[plan.aspect] / Math.max(1, chars)));
  const qrSize = (wide ? 300 : square ? 200 : 300) * u;
  const contactAt = END_FIRST_MESSAGE_STEP + END_STEPS_PER_MESSAGE * seg.messages.length - 1;
  const contact = (
    <div style={{ display: 'flex', flexDirection: wide ? 'column' : 'row', alignItems: 'center', justifyContent: 'center', gap: 28 * u, ...appear(step, contactAt) }}>
      {seg.portalUrl ? (
        <div style={{ display: 'flex', flexDirection: 'column', alignItems: 'center', gap: 10 * u }}>
          <div style={{ background: '#ffffff', padding: 12 * u, borderRadius: 14 * u, lineHeight: 0 }}><QrCode value={seg.portalUrl} size={qrSize} /></div>
          <div style={{ fontSize: 26 * u, fontWeight: 600, color: '#24283f' }}>{plan.labels.scanQr}</div>
        </div>
      ) : null}
      {seg.hotline ? (
        <div style={{ background: '#c8334a', color: '#ffffff', borderRadius: 18 * u, padding: `${16 * u}px ${24 * u}px`, maxWidth: wide ? qrSize + 120 * u : safe.width * 0.5 }}>
          <div style={{ fontSize: 24 * u, fontWeight: 600, opacity: 0.9, textTransform: 'uppercase', letterSpacing: 2 * u }}>{plan.labels.hotline}</div>
          <div style={{ fontSize: 36 * u, fontWeight: 700, lineHeight: 1.2 }}>{seg.hotline}</div>
        </div>
      ) : null}
    </div>
  );
  const messages = (
    <div style={{ flex: 1, display: 'flex', flexDirection: 'column', gap: 24 * u, justifyContent: 'center' }}>
      <div style={{ ...appear(step, 0), fontSize: 56 * u, fontWeight: 700, color: '#c8334a' }}>{seg.heading}</div>
      {seg.messages.map((m, i) => (
        <div key={i} style={{ ...appear(step, END_FIRST_MESSAGE_STEP + END_STEPS_PER_MESSAGE * i), display: 'flex', gap: 20 * u, alignItems: 'flex-start' }}>
          <div style={{ flex: 'none', width: 1.3 * msgSize, height: 1.3 * msgSize, borderRadius: msgSize, background: '#24283f', color: '#f2b632', fontSize: 0.75 * msgSize, fontWeight: 700, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>{i + 1}</div>
          <div style={{ fontSize: msgSize, lineHeight: 1.3, fontWeight: 600, color: '#24283f' }}>{m}</div>
        </div>
      ))}
    </div>
  );
  return (
    <div style={{ position: 'absolute', inset: 0, background: 'linear-gradient(160deg, #fff8e6 0%, #f1e2bd 100%)' }}>
      <div style={{ position: 'absolute', left: 0, right: 0, top: safe.y - 0.025 * plan.height }}><Brocade width={plan.width} height={36 * u} /></div>
      <div style={{
        position: 'absolute', left: safe.x, top: safe.y + 40 * u, width: safe.width, height: safe.height - 40 * u,
        display: 'flex', flexDirection: 'column', gap: 30 * u,
      }}>
        <div style={{ flex: 1, display: 'flex', flexDirection: wide ? 'row' : 'column', gap: 48 * u, alignItems: 'stretch' }}>
          {messages}
          <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'center' }}>{contact}</div>
        </div>
        <div style={{ textAlign: 'center', fontSize: 28 * u, fontWeight: 600, color: '#7a3b2a', ...appear(step, 1) }}>{seg.issuer}</div>
      </div>
    </div>
  );
}
