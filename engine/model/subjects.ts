/**
 * Lĩnh vực: the fixed list of subject fields a brief may name in its front
 * matter (`linh_vuc: [hon-nhan-gia-dinh, ho-tich]`). The portal data feed
 * (engine/publish/portalFeed.ts) files each record under them, so portals and
 * the shared legal-education store can group material by field. The list is
 * documented in docs/portal-feed.md; `check` refuses an id not on it.
 * Ids are ASCII slugs of the Vietnamese name and never change once published.
 */
type Localized = { vi: string; en: string };

export const LINH_VUC: Record<string, Localized> = {
  'hien-phap': { vi: 'Hiến pháp, tổ chức bộ máy nhà nước', en: 'Constitution and state organisation' },
  'dan-su': { vi: 'Dân sự', en: 'Civil law' },
  'hon-nhan-gia-dinh': { vi: 'Hôn nhân và gia đình', en: 'Marriage and family' },
  'ho-tich': { vi: 'Hộ tịch, cư trú', en: 'Civil status and residence' },
  'tre-em': { vi: 'Trẻ em', en: 'Children' },
  'binh-dang-gioi': { vi: 'Bình đẳng giới, phòng chống bạo lực gia đình', en: 'Gender equality and domestic violence' },
  'hinh-su': { vi: 'Hình sự', en: 'Criminal law' },
  'hanh-chinh': { vi: 'Xử lý vi phạm hành chính', en: 'Administrative violations' },
  'dat-dai': { vi: 'Đất đai', en: 'Land' },
  'lao-dong': { vi: 'Lao động, việc làm', en: 'Labour and employment' },
  'bao-hiem': { vi: 'Bảo hiểm xã hội, bảo hiểm y tế', en: 'Social and health insurance' },
  'giao-thong': { vi: 'Giao thông', en: 'Traffic' },
  'moi-truong': { vi: 'Tài nguyên, môi trường', en: 'Natural resources and environment' },
  'ma-tuy': { vi: 'Phòng, chống ma túy', en: 'Drug prevention' },
  'mua-ban-nguoi': { vi: 'Phòng, chống mua bán người', en: 'Human trafficking prevention' },
  'tham-nhung': { vi: 'Phòng, chống tham nhũng', en: 'Anti-corruption' },
  'an-ninh-trat-tu': { vi: 'An ninh, trật tự', en: 'Security and public order' },
  'an-ninh-mang': { vi: 'An ninh mạng, giao dịch điện tử', en: 'Cybersecurity and e-transactions' },
  'dan-toc-ton-giao': { vi: 'Dân tộc, tín ngưỡng, tôn giáo', en: 'Ethnic affairs, belief and religion' },
  'giao-duc': { vi: 'Giáo dục', en: 'Education' },
  'y-te': { vi: 'Y tế', en: 'Health' },
  'thue-doanh-nghiep': { vi: 'Thuế, doanh nghiệp', en: 'Tax and business' },
  'khieu-nai-to-cao': { vi: 'Khiếu nại, tố cáo, tiếp công dân', en: 'Complaints and denunciations' },
  'tro-giup-phap-ly': { vi: 'Trợ giúp pháp lý, hòa giải ở cơ sở', en: 'Legal aid and grassroots mediation' },
  'quoc-phong': { vi: 'Quốc phòng, nghĩa vụ quân sự', en: 'Defence and military service' },
};

export const LINH_VUC_IDS = Object.keys(LINH_VUC) as [string, ...string[]];
