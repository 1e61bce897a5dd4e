/**
 * Indoor settings: by the hearth inside a stilt house, the one-stop office of
 * the commune People's Committee, and a classroom. Windows show the sky of
 * the time of day.
 */
import type { TimeOfDay } from '../plan.js';
import { CANVAS_W, GROUND_Y, Hills, Sky } from './sky.js';

function Window({ x, y, w, h, time, id }: { x: number; y: number; w: number; h: number; time: TimeOfDay; id: string }) {
  return (
    <svg x={x} y={y} width={w} height={h} viewBox="0 0 2400 1200" preserveAspectRatio="xMidYMid slice">
      <Sky time={time} id={`win-${id}`} />
      <Hills horizon={1200} />
    </svg>
  );
}

export function HearthBg({ time }: { time: TimeOfDay }) {
  return (
    <g>
      <rect width={CANVAS_W} height={GROUND_Y} fill="#8a5a36" />
      <g stroke="#6f4527" strokeWidth={8}>{Array.from({ length: 24 }, (_, i) => <line key={i} x1={i * 100 + 50} y1={0} x2={i * 100 + 50} y2={GROUND_Y} />)}</g>
      <Window x={1560} y={380} w={360} h={260} time={time} id="hearth" />
      <rect x={1560} y={380} width={360} height={260} fill="none" stroke="#5a3820" strokeWidth={18} />
      <line x1={1740} y1={380} x2={1740} y2={640} stroke="#5a3820" strokeWidth={10} />
      <rect x={0} y={GROUND_Y} width={CANVAS_W} height={1600 - GROUND_Y} fill="#a87a4e" />
      <g stroke="#8a6038" strokeWidth={5}>{[1230, 1320, 1420, 1530].map((y) => <line key={y} x1={0} y1={y} x2={CANVAS_W} y2={y} />)}</g>
      <rect x={0} y={120} width={CANVAS_W} height={40} fill="#5a3820" />
      <g transform={`translate(1200 ${GROUND_Y + 40})`}>
        <rect x={-260} y={-30} width={520} height={80} fill="#6d6257" />
        <rect x={-240} y={-40} width={480} height={40} fill="#3a302a" />
        <g fill="#8c8279">{[-200, -120, -40, 40, 120, 200].map((x) => <ellipse key={x} cx={x} cy={-40} rx={34} ry={18} />)}</g>
        <path d="M -70 -40 Q -60 -170 0 -230 Q 20 -150 60 -190 Q 90 -110 70 -40 Z" fill="#f08a2e" />
        <path d="M -36 -40 Q -30 -120 6 -160 Q 20 -100 40 -120 Q 54 -80 40 -40 Z" fill="#ffd34d" />
        <g stroke="#3a302a" strokeWidth={10} strokeLinecap="round">
          <line x1={-130} y1={-40} x2={0} y2={-330} />
          <line x1={130} y1={-40} x2={0} y2={-330} />
        </g>
        <path d="M -70 -250 L 70 -250 L 60 -180 Q 0 -150 -60 -180 Z" fill="#2b2b2b" />
      </g>
      <g transform="translate(1200 300)">
        <rect x={-300} y={0} width={600} height={20} fill="#5a3820" />
        <line x1={-300} y1={-180} x2={-300} y2={0} stroke="#5a3820" strokeWidth={8} />
        <line x1={300} y1={-180} x2={300} y2={0} stroke="#5a3820" strokeWidth={8} />
        {[-200, -60, 80, 200].map((x) => <ellipse key={x} cx={x} cy={40} rx={40} ry={60} fill="#c9a460" />)}
      </g>
      <g transform="translate(560 1150)">
        <rect x={-90} y={-160} width={180} height={160} fill="#6b4a32" />
        <ellipse cx={0} cy={-170} rx={100} ry={22} fill="#b07a4a" />
        <ellipse cx={-40} cy={-186} rx={26} ry={14} fill="#e8e2d2" />
        <ellipse cx={40} cy={-186} rx={26} ry={14} fill="#e8e2d2" />
      </g>
    </g>
  );
}

export function CommuneOfficeBg({ time }: { time: TimeOfDay }) {
  return (
    <g>
      <rect width={CANVAS_W} height={GROUND_Y} fill="#f2ead3" />
      <rect x={0} y={GROUND_Y - 120} width={CANVAS_W} height={120} fill="#d8cdb0" />
      <rect x={0} y={GROUND_Y} width={CANVAS_W} height={1600 - GROUND_Y} fill="#c9c2b4" />
      <g stroke="#b3ab9b" strokeWidth={4}>{Array.from({ length: 12 }, (_, i) => <line key={i} x1={i * 240} y1={GROUND_Y} x2={i * 240 - 300} y2={1600} />)}</g>
      <g transform="translate(1200 260)">
        <rect x={-360} y={0} width={720} height={110} rx={10} fill="#c62b2b" />
        <g fill="#f7d54a">{[-240, -120, 0, 120, 240].map((x) => <rect key={x} x={x - 40} y={42} width={80} height={26} rx={8} />)}</g>
        <g data-flag="">
          <rect x={-420} y={130} width={180} height={120} fill="#da251d" />
          <path d="M -330 160 L -320 190 L -290 190 L -314 208 L -305 238 L -330 220 L -355 238 L -346 208 L -370 190 L -340 190 Z" fill="#ffde00" />
        </g>
      </g>
      <Window x={1640} y={420} w={420} h={300} time={time} id="office" />
      <rect x={1640} y={420} width={420} height={300} fill="none" stroke="#8d8473" strokeWidth={16} />
      <g transform={`translate(1200 ${GROUND_Y - 40})`}>
        <rect x={-620} y={-300} width={1240} height={40} fill="#9c7548" />
        <rect x={-600} y={-260} width={1200} height={300} fill="#b98c5c" />
        {[-400, 0, 400].map((x, i) => (
          <g key={x}>
            <rect x={x - 60} y={-230} width={120} height={70} rx={8} fill="#2f5f9e" />
            <text x={x} y={-178} textAnchor="middle" fontSize={54} fontWeight={700} fill="#ffffff" fontFamily="sans-serif">{i + 1}</text>
          </g>
        ))}
        <rect x={-300} y={-380} width={160} height={80} fill="#3a3f4a" />
        <rect x={-290} y={-372} width={140} height={64} fill="#8fb5d9" />
        <g fill="#f5f5f0" stroke="#b9b3a3" strokeWidth={3}>
          <rect x={120} y={-330} width={150} height={24} />
          <rect x={130} y={-350} width={150} height={24} />
        </g>
      </g>
      <g transform={`translate(420 ${GROUND_Y + 10})`}>
        <rect x={-50} y={-120} width={100} height={120} fill="#b5563f" />
        <circle cx={0} cy={-200} r={90} fill="#4f8a4a" />
        <circle cx={-60} cy={-150} r={50} fill="#5a9650" />
      </g>
    </g>
  );
}

export function ClassroomBg({ time }: { time: TimeOfDay }) {
  return (
    <g>
      <rect width={CANVAS_W} height={GROUND_Y} fill="#f4e7b8" />
      <rect x={0} y={GROUND_Y} width={CANVAS_W} height={1600 - GROUND_Y} fill="#c98f5a" />
      <rect x={700} y={360} width={1000} height={480} fill="#2f5d46" stroke="#8a5a36" strokeWidth={24} />
      <g stroke="#e8efe9" strokeWidth={8} strokeLinecap="round" fill="none" opacity={0.85}>
        <path d="M 800 480 L 1040 480" />
        <path d="M 800 560 L 1200 560" />
        <path d="M 800 640 L 1120 640" />
        <circle cx={1480} cy={560} r={90} />
        <path d="M 1420 560 L 1540 560 M 1480 500 L 1480 620" />
      </g>
      <rect x={760} y={830} width={880} height={20} fill="#8a5a36" />
      <Window x={180} y={380} w={340} h={380} time={time} id="class1" />
      <rect x={180} y={380} width={340} height={380} fill="none" stroke="#8a5a36" strokeWidth={18} />
      <Window x={1880} y={380} w={340} h={380} time={time} id="class2" />
      <rect x={1880} y={380} width={340} height={380} fill="none" stroke="#8a5a36" strokeWidth={18} />
      {/* Below the top 250 units a 16:9 frame crops off, above the blackboard. */}
      <g transform="translate(1200 262) scale(0.72)" data-flag="">
        <rect x={-90} y={0} width={180} height={110} fill="#da251d" />
        <path d="M 0 18 L 12 48 L 44 48 L 18 66 L 28 96 L 0 78 L -28 96 L -18 66 L -44 48 L -12 48 Z" fill="#ffde00" />
      </g>
      {[500, 1200, 1900].map((x) => (
        <g key={x} transform={`translate(${x} ${GROUND_Y + 260})`}>
          <rect x={-230} y={-110} width={460} height={40} fill="#9c6a3c" />
          <rect x={-210} y={-70} width={20} height={110} fill="#7a5030" />
          <rect x={190} y={-70} width={20} height={110} fill="#7a5030" />
        </g>
      ))}
    </g>
  );
}
