import { bilingual } from './bilingual';

/** The Overview page: the active mirror, its fallbacks, checksums, the HTTP proxy and the checklist at a glance. */
export const overview = bilingual(
  {
    intro: 'How Go modules reach this machine right now.',
    loading: 'Reading the Go environment…',
    mirror: {
      heading: 'Active mirror',
      none: 'No mirror: go fetches every module straight from version control.',
      off: 'Module downloads are switched off: go fetches nothing.',
      invalid: 'go cannot use GOPROXY and stops at once: {{message}}',
      health: 'Health',
      lastProbe: 'Last probe',
      latency: 'Median latency',
      fix: 'Open the checklist to fix it.',
    },
    chain: {
      heading: 'Fallback chain',
      label: 'In words',
      value: 'Value',
    },
    probe: {
      now: 'Probe now',
      running: 'Probing {{name}}…',
      cancelled: 'The probe was cancelled; the health shown is from before.',
    },
    sumdb: {
      heading: 'Checksum database',
      database: 'Database',
      off: 'Checksums are off: modules are not checked against the checksum database, so a mirror that serves altered code goes unnoticed.',
      skipped: 'Not checked for',
      everything: 'Every module is checked.',
      private: 'Private modules',
      noPrivate: 'None set.',
    },
    proxy: {
      heading: 'HTTP proxy',
      none: 'none',
      unavailable: 'not available here',
      scopes: {
        process: 'This app',
        env: 'Environment variables',
        git: 'git',
        system: 'System',
      },
    },
    checklist: {
      heading: 'Checklist',
      quick: 'A quick check of the settings, without contacting any server.',
      checking: 'Checking…',
      clean: 'No problems found.',
      open: 'Open the checklist',
    },
  },
  {
    intro: 'Go 模块此刻如何到达这台电脑。',
    loading: '正在读取 Go 环境…',
    mirror: {
      heading: '当前镜像',
      none: '未使用镜像：go 直接从版本控制系统获取所有模块。',
      off: '模块下载已关闭：go 不会获取任何模块。',
      invalid: 'go 无法使用 GOPROXY，会立即停止：{{message}}',
      health: '健康状况',
      lastProbe: '上次检测',
      latency: '延迟中位数',
      fix: '打开检查清单进行修复。',
    },
    chain: {
      heading: '后备链',
      label: '说明',
      value: '取值',
    },
    probe: {
      now: '立即检测',
      running: '正在检测 {{name}}…',
      cancelled: '检测已取消；显示的仍是之前的健康状况。',
    },
    sumdb: {
      heading: '校验和数据库',
      database: '数据库',
      off: '校验已关闭：模块不会与校验和数据库核对，镜像提供被篡改的代码也无法察觉。',
      skipped: '不校验',
      everything: '所有模块都会校验。',
      private: '私有模块',
      noPrivate: '未设置。',
    },
    proxy: {
      heading: 'HTTP 代理',
      none: '无',
      unavailable: '此处不可用',
      scopes: {
        process: '本应用',
        env: '环境变量',
        git: 'git',
        system: '系统',
      },
    },
    checklist: {
      heading: '检查清单',
      quick: '快速检查设置，不连接任何服务器。',
      checking: '正在检查…',
      clean: '未发现问题。',
      open: '打开检查清单',
    },
  },
);
