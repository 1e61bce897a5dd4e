/**
 * A small brief for the read-along and e-lecture tests: a key message, one
 * section with a citation and a figure, one question and answer. Speech and
 * encoding are the expensive parts of both formats, so the tests narrate
 * this rather than the sample brief.
 */
import { testBuildContext } from '../helpers/buildContext.js';
import type { BuildContext } from '../../engine/build/format.js';
import type { Diagnostic } from '../../engine/brief/diagnostics.js';
import type { Material } from '../../engine/model/material.js';
import { importBriefText } from '../../engine/brief/import.js';

export const SMALL_BRIEF = `---
id: tuoi-ket-hon
title: "Kết hôn đúng tuổi"
issuer: "Sở Tư pháp tỉnh Sơn La"
source_language: vi
target_languages: [blt]
legal_basis:
  - ref: "52/2014/QH13"
    title: "Luật Hôn nhân và gia đình"
    articles: ["Điều 8"]
    effective: 2015-01-01
hotline: "111"
---

# Thông điệp chính

1. Nam đủ 20 tuổi, nữ đủ 18 tuổi mới được kết hôn.

# Điều kiện kết hôn
<!-- legal: 52/2014/QH13 Điều 8 -->

Phạt tiền từ 10.000.000 đồng đến 30.000.000 đồng.

# Hỏi đáp

**Hỏi:** Đăng ký kết hôn có mất tiền không?
**Đáp:** Không, được miễn lệ phí.
`;

export function smallMaterial(): Material {
  const { material, diagnostics } = importBriefText(SMALL_BRIEF);
  if (!material) throw new Error(`small brief did not import: ${JSON.stringify(diagnostics)}`);
  return material;
}

/** A BuildContext as the build runner makes it (tests/helpers/buildContext.ts): shared resources made once and disposed by `dispose`. */
export function smallContext(args: { materials: Record<string, Material>; languages: string[]; outDir: string }): {
  ctx: BuildContext;
  warnings: Diagnostic[];
  dispose: () => Promise<void>;
} {
  const ctx = testBuildContext({
    material: args.materials[args.languages[0]!]!, materials: args.materials, strictMaterials: true, languages: args.languages, outDir: args.outDir,
  });
  return { ctx, warnings: ctx.warnings, dispose: () => ctx.sharedTest.disposeAll() };
}
