/** Entry point the Remotion bundler starts from (engine/formats/video/bundle.ts). */
import { registerRoot } from 'remotion';
import { RemotionRoot } from './Root.js';

registerRoot(RemotionRoot);
