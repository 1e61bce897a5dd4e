/**
 * The texts of the keys the social adapters use (`diag.publish.*` for
 * preflight problems, `error.publish.*` for StudioErrors), as they stand in
 * the studio's locale files; a test checks every code has both languages.
 */
import en from '../../i18n/locales/en.json' with { type: 'json' };
import vi from '../../i18n/locales/vi.json' with { type: 'json' };

const pick = (locale: typeof vi) => ({
  diag: { publish: locale.diag.publish },
  error: { publish: locale.error.publish },
});

export const CHANNEL_MESSAGES = { vi: pick(vi), en: pick(en as typeof vi) };
