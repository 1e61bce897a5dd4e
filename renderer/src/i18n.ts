/** UI strings: Vietnamese first, English second. Every visible string goes through t(). */
import i18next from 'i18next';

export const uiStrings = {
  vi: { translation: { app: { title: 'Luật Studio', tagline: 'Từ một bản thảo đến sổ tay, tờ gấp, infographic, video và sách nói pháp luật.' } } },
  en: { translation: { app: { title: 'Luật Studio', tagline: 'From one brief to legal-education booklets, leaflets, infographics, videos and audio books.' } } },
};

export const i18n = i18next.createInstance();
void i18n.init({
  lng: navigator.language.startsWith('en') ? 'en' : 'vi',
  fallbackLng: 'vi',
  resources: uiStrings,
  interpolation: { escapeValue: false },
  initAsync: false,
  showSupportNotice: false,
});
