import { describe, expect, it } from 'vitest';
import { evaluate, render } from '../../electron/services/doctor/engine';
import { syntaxRules } from '../../electron/services/doctor/rules-syntax';
import { facts, goFacts } from '../fixtures/doctor-facts';

const goproxyInvalid = syntaxRules.filter((r) => r.id === 'goproxy-invalid');

describe('findings in Chinese', () => {
  const { raw } = evaluate(
    goproxyInvalid,
    facts({ go: goFacts({ vars: { GOPROXY: 'ftp://mirror.example' } }) }),
  );

  it("say go's parser error as its diagnosis instead of quoting it in English", () => {
    expect(raw).toHaveLength(1);
    const zh = render(raw[0]!, 'zh-CN');
    expect(zh.detail).toBe(
      'GOPROXY 为 ftp://mirror.example。go 无法解析它，所有模块下载都会失败并报错：go 无法使用 GOPROXY 中的 ftp://mirror.example：每一项都必须以 https://、http:// 或 file:// 开头',
    );
    expect(zh.detail).not.toMatch(/invalid proxy URL/);
  });

  it("keep go's own words in English, where the CLI and the logs read them", () => {
    expect(render(raw[0]!, 'en').detail).toBe(
      'GOPROXY is ftp://mirror.example. go cannot read it and every module download stops with: invalid proxy URL scheme (must be https, http, file): ftp://mirror.example',
    );
  });
});
