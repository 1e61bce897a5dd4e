/**
 * Type settings shared by the composition and the engine (which measures
 * caption lines with the same font and weight). Pure constants: no CSS here,
 * so Node can import it.
 */
export const FONT_FAMILY = "'Be Vietnam Pro', 'Noto Sans Tai Viet', 'Noto Sans', sans-serif";
/** Weight of caption text. */
export const CAPTION_WEIGHT = 600;
