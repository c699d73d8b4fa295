import type { Messages } from './en';

/** 简体中文。 */
export const zhCN: Messages = {
  app: {
    title: 'GoProxy Desk',
    tagline: 'Go 模块如何到达这台电脑',
    language: '语言',
    nav: { environment: 'Go 环境', mirrors: '镜像' },
    loading: '加载中…',
    retry: '重试',
    refresh: '刷新',
  },
  env: {
    heading: 'Go 环境',
    intro: 'go 下载模块时使用的设置，以及每个值的来源。',
    variable: '变量',
    value: '值',
    source: '来源',
    empty: '（空）',
    envFile: '环境文件',
    envFileOff: '已关闭（GOENV=off：go env -w 无法写入）',
    go: 'Go',
    goFound: '{{version}}，位于 {{path}}',
    goMissing: '在 PATH 中找不到 Go。',
    goMissingHelp:
      '请从 https://golang.google.cn/dl/（或 https://go.dev/dl/）安装 Go，然后刷新。下面的值来自环境文件和系统环境变量。',
    goError: 'go env 执行失败：{{message}}',
    fileValue: '环境文件：{{value}}',
    osValue: '系统环境变量：{{value}}',
    sources: {
      'os-env': '系统环境变量',
      'env-file': '环境文件',
      default: '默认值',
    },
  },
  mirrors: {
    heading: '镜像列表',
    intro: '已知的 Go 模块镜像。测速与切换即将推出。',
    id: 'ID',
    name: '名称',
    url: '地址',
    region: '地区',
    sumdb: '代理校验和数据库',
    notesHeader: '说明',
    regions: { global: '全球', cn: '中国大陆' },
    sumdbValues: { yes: '是', no: '否', unknown: '未知' },
    notes: {
      'proxy.golang.org': 'Go 的默认代理。在中国大陆无法访问。',
      'goproxy.cn': '七牛云运营，中国大陆境内 CDN，国内使用最广泛的镜像。',
      'goproxy.io': '社区镜像，在中国大陆境内外均有节点。',
      'proxy.golang.com.cn': 'goproxy.io 的第二个地址，适用于 goproxy.io 较慢或被屏蔽的网络。',
      aliyun: '阿里云开源镜像站；在阿里云机器上最快。',
      tencent: '腾讯云镜像；在腾讯云机器上最快。',
      huawei: '华为云镜像；在华为云机器上最快。',
      baidu: '百度云对象存储镜像，位于北京。',
    },
  },
  errors: {
    'invalid-input': '请求格式错误：{{message}}',
    'invalid-output': '应用产生了无法确认的结果。请报告此问题。',
    'unknown-channel': '应用请求了不存在的功能。请报告此问题。',
    forbidden: '此请求被拒绝：它不是来自 GoProxy Desk 窗口。',
    internal: '出错了：{{message}}',
    'go-failed': 'go 执行失败：{{message}}',
  },
  cli: {
    usage: `用法：goproxy-desk <命令> [选项]

命令：
  env        Go 下载模块相关的设置，以及每个值的来源
  mirrors    已知的 Go 模块镜像列表

选项：
  --json           在标准输出打印一个 JSON 文档（稳定接口）
  --lang zh-CN|en  消息语言（默认取自 LC_ALL、LC_MESSAGES、LANG）
  --help           显示本帮助

退出码：0 成功，1 命令已运行但发现错误，2 用法错误或输入无效。`,
    unknownCommand: 'goproxy-desk：未知命令 “{{command}}”',
    missingCommand: 'goproxy-desk：未指定命令',
    unknownOption: 'goproxy-desk：{{command}} 不支持选项 “{{option}}”',
    unexpectedArgument: 'goproxy-desk：{{command}} 不接受参数，收到 “{{arg}}”',
    badLang: 'goproxy-desk：--lang 必须是 {{langs}} 之一，收到 “{{lang}}”',
    missingValue: 'goproxy-desk：{{option}} 需要一个值',
    failed: 'goproxy-desk：{{message}}',
  },
};
