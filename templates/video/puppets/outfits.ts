/**
 * Colours and cut of each outfit. Upland dresses carry embroidered bands
 * (trim) in the reds, pinks, yellows and greens of Hmong and Thai textiles;
 * uniforms follow what commune staff and police wear. Pure data.
 */
import type { OutfitId } from './looks.js';

export interface OutfitStyle {
  top: string;
  /** Darker tone for the far arm and folds. */
  topShade: string;
  bottom: string;
  lower: 'trousers' | 'shorts' | 'skirt' | 'pleated-skirt' | 'ao-dai';
  sleeves: 'long' | 'short';
  collar: 'shirt' | 'round' | 'mandarin' | 'cross';
  /** Embroidered bands on the collar, cuffs and hem. */
  trim?: string[];
  tie?: string;
  badge?: boolean;
  redScarf?: boolean;
  collarTabs?: string;
  belt?: string;
  sash?: string;
  apron?: string;
  legs?: string;
  shoes: string;
  buttons?: string;
}

const UPLAND_TRIM = ['#d8304f', '#f2b632', '#2f9e6e', '#e25fa0'];

export const OUTFITS: Record<OutfitId, OutfitStyle> = {
  shirt: { top: '#5f8fc0', topShade: '#4b77a3', bottom: '#3b3f4a', lower: 'trousers', sleeves: 'short', collar: 'shirt', shoes: '#4a3527', buttons: '#e8eef5' },
  tee: { top: '#e09c34', topShade: '#c4842a', bottom: '#36557c', lower: 'trousers', sleeves: 'short', collar: 'round', shoes: '#f0f0f0' },
  blouse: { top: '#e07f7a', topShade: '#c46a66', bottom: '#3a3a48', lower: 'trousers', sleeves: 'long', collar: 'round', shoes: '#5a3b2b', buttons: '#fbe6e4' },
  'blouse-skirt': { top: '#7fbf98', topShade: '#67a581', bottom: '#5a4a7a', lower: 'skirt', sleeves: 'short', collar: 'round', shoes: '#5a3b2b', legs: '#e5b48c' },
  'ao-dai': { top: '#8fc1e3', topShade: '#73a7cc', bottom: '#f6f6f2', lower: 'ao-dai', sleeves: 'long', collar: 'mandarin', shoes: '#caa46a' },
  'ao-ba-ba': { top: '#7a5670', topShade: '#634459', bottom: '#2b2a2e', lower: 'trousers', sleeves: 'long', collar: 'round', shoes: '#3b2b22', buttons: '#e9dccf' },
  'elder-shirt': { top: '#9c7a55', topShade: '#836444', bottom: '#4a4036', lower: 'trousers', sleeves: 'long', collar: 'mandarin', shoes: '#3b2b22', buttons: '#efe3cf' },
  'school-boy': { top: '#f7f7f4', topShade: '#dcdcd6', bottom: '#2d3e6b', lower: 'shorts', sleeves: 'short', collar: 'shirt', redScarf: true, shoes: '#f3f3f3', legs: '#e5b48c' },
  'school-girl': { top: '#f7f7f4', topShade: '#dcdcd6', bottom: '#2d3e6b', lower: 'skirt', sleeves: 'short', collar: 'shirt', shoes: '#2b2b2b', legs: '#f1c7a1' },
  'upland-male': { top: '#262a44', topShade: '#1c1f35', bottom: '#1f1f2a', lower: 'trousers', sleeves: 'long', collar: 'cross', trim: UPLAND_TRIM, sash: '#c8334a', shoes: '#2a2420' },
  'upland-boy': { top: '#2c3150', topShade: '#21253e', bottom: '#1f1f2a', lower: 'shorts', sleeves: 'long', collar: 'cross', trim: UPLAND_TRIM, shoes: '#2a2420', legs: '#e5b48c' },
  'upland-female': { top: '#24283f', topShade: '#1b1e31', bottom: '#33407a', lower: 'pleated-skirt', sleeves: 'long', collar: 'cross', trim: UPLAND_TRIM, apron: '#1f2236', sash: '#e25fa0', legs: '#1d1d26', shoes: '#2a2420' },
  'official-male': { top: '#b5d0ec', topShade: '#98b7d8', bottom: '#1f2c4a', lower: 'trousers', sleeves: 'long', collar: 'shirt', tie: '#23365f', badge: true, shoes: '#1f1a17', buttons: '#f4f8fc' },
  'official-female': { top: '#b5d0ec', topShade: '#98b7d8', bottom: '#1f2c4a', lower: 'skirt', sleeves: 'long', collar: 'shirt', badge: true, legs: '#e5b48c', shoes: '#1f1a17', buttons: '#f4f8fc' },
  police: { top: '#55703c', topShade: '#46602f', bottom: '#4a6335', lower: 'trousers', sleeves: 'long', collar: 'shirt', collarTabs: '#c62b2b', belt: '#2b2418', badge: true, shoes: '#1a1614', buttons: '#e3c24a' },
  'teacher-male': { top: '#f4f4ef', topShade: '#d9d9d2', bottom: '#34394a', lower: 'trousers', sleeves: 'long', collar: 'shirt', shoes: '#3b2b22', buttons: '#cfd6df' },
  neutral: { top: '#9aa0a6', topShade: '#868b91', bottom: '#6b7077', lower: 'trousers', sleeves: 'long', collar: 'round', shoes: '#55595e' },
};
