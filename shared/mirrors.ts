/**
 * The catalogue of known Go module mirrors. `sumdbProxy` says whether the mirror answers
 * `<url>/sumdb/sum.golang.org/supported` (so `go` can verify downloads through it when
 * sum.golang.org itself is unreachable); it is left out where we have not confirmed it.
 * Notes are English here (the CLI's JSON is a stable interface); the UI shows them translated
 * through the i18n key `mirrors.notes.<id>`.
 */
export type MirrorRegion = 'global' | 'cn';

export interface MirrorInfo {
  id: string;
  name: string;
  url: string;
  region: MirrorRegion;
  sumdbProxy?: boolean;
  notes: string;
}

export const MIRRORS: readonly MirrorInfo[] = [
  {
    id: 'proxy.golang.org',
    name: 'Go module proxy (Google)',
    url: 'https://proxy.golang.org',
    region: 'global',
    sumdbProxy: true,
    notes: "Go's default. Unreachable from mainland China.",
  },
  {
    id: 'goproxy.cn',
    name: 'Goproxy.cn (Qiniu)',
    url: 'https://goproxy.cn',
    region: 'cn',
    sumdbProxy: true,
    notes: 'Run by Qiniu Cloud; CDN inside mainland China. The most widely used mirror there.',
  },
  {
    id: 'goproxy.io',
    name: 'GOPROXY.IO',
    url: 'https://goproxy.io',
    region: 'cn',
    sumdbProxy: true,
    notes: 'Community mirror with nodes inside and outside mainland China.',
  },
  {
    id: 'proxy.golang.com.cn',
    name: 'GOPROXY.IO (golang.com.cn)',
    url: 'https://proxy.golang.com.cn',
    region: 'cn',
    notes: 'Second address of goproxy.io, for networks where goproxy.io is slow or blocked.',
  },
  {
    id: 'aliyun',
    name: 'Alibaba Cloud',
    url: 'https://mirrors.aliyun.com/goproxy',
    region: 'cn',
    notes: 'Alibaba Cloud open-source mirror; fastest from Alibaba Cloud machines.',
  },
  {
    id: 'tencent',
    name: 'Tencent Cloud',
    url: 'https://mirrors.cloud.tencent.com/go',
    region: 'cn',
    notes: 'Tencent Cloud mirror; fastest from Tencent Cloud machines.',
  },
  {
    id: 'huawei',
    name: 'Huawei Cloud',
    url: 'https://mirrors.huaweicloud.com/repository/goproxy',
    region: 'cn',
    notes: 'Huawei Cloud mirror; fastest from Huawei Cloud machines.',
  },
  {
    id: 'baidu',
    name: 'Baidu Cloud',
    url: 'https://goproxy.bj.bcebos.com',
    region: 'cn',
    notes: 'Baidu Cloud object-storage mirror in Beijing.',
  },
];

/** The checksum databases `go` knows of: the name go verifies against, and where it is served. */
export const CHECKSUM_DATABASES = [
  { name: 'sum.golang.org', url: 'https://sum.golang.org', region: 'global' as MirrorRegion },
  { name: 'sum.golang.org', url: 'https://sum.golang.google.cn', region: 'cn' as MirrorRegion },
] as const;

export function findMirror(id: string): MirrorInfo | undefined {
  return MIRRORS.find((m) => m.id === id);
}
