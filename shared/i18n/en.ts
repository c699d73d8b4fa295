/** English messages. The shape of this object is the shape every other language must have. */
export const en = {
  app: {
    title: 'GoProxy Desk',
    tagline: 'How Go modules reach this machine',
    language: 'Language',
    nav: { environment: 'Go environment', mirrors: 'Mirrors' },
    loading: 'Loading…',
    retry: 'Try again',
    refresh: 'Refresh',
  },
  env: {
    heading: 'Go environment',
    intro: 'What go uses to fetch modules, and where each value comes from.',
    variable: 'Variable',
    value: 'Value',
    source: 'Source',
    empty: '(empty)',
    envFile: 'Env file',
    envFileOff: 'off (GOENV=off: go env -w cannot write)',
    go: 'Go',
    goFound: '{{version}} at {{path}}',
    goMissing: 'Go was not found on PATH.',
    goMissingHelp:
      'Install Go from https://go.dev/dl/ (in mainland China: https://golang.google.cn/dl/), then refresh. Values below come from the env file and the OS environment.',
    goError: 'go env failed: {{message}}',
    fileValue: 'env file: {{value}}',
    osValue: 'OS environment: {{value}}',
    sources: {
      'os-env': 'OS environment',
      'env-file': 'env file',
      default: 'default',
    },
  },
  mirrors: {
    heading: 'Mirror catalogue',
    intro: 'Known Go module mirrors. Probing and switching come next.',
    id: 'ID',
    name: 'Name',
    url: 'URL',
    region: 'Region',
    sumdb: 'Checksum DB proxy',
    notesHeader: 'Notes',
    regions: { global: 'Global', cn: 'Mainland China' },
    sumdbValues: { yes: 'yes', no: 'no', unknown: 'unknown' },
    notes: {
      'proxy.golang.org': "Go's default. Unreachable from mainland China.",
      'goproxy.cn': 'Run by Qiniu Cloud; CDN inside mainland China. The most widely used mirror there.',
      'goproxy.io': 'Community mirror with nodes inside and outside mainland China.',
      'proxy.golang.com.cn':
        'Second address of goproxy.io, for networks where goproxy.io is slow or blocked.',
      aliyun: 'Alibaba Cloud open-source mirror; fastest from Alibaba Cloud machines.',
      tencent: 'Tencent Cloud mirror; fastest from Tencent Cloud machines.',
      huawei: 'Huawei Cloud mirror; fastest from Huawei Cloud machines.',
      baidu: 'Baidu Cloud object-storage mirror in Beijing.',
    },
  },
  errors: {
    'invalid-input': 'The request was malformed: {{message}}',
    'invalid-output': 'The app produced an answer it cannot vouch for. Please report this bug.',
    'unknown-channel': 'The app asked for something that does not exist. Please report this bug.',
    forbidden: 'This request was refused because it did not come from the GoProxy Desk window.',
    internal: 'Something went wrong: {{message}}',
    'go-failed': 'go failed: {{message}}',
  },
  cli: {
    usage: 'Usage: goproxy-desk <command> [options]',
    commandsHeader: 'Commands:',
    commands: {
      env: "Go's module-fetching settings, each with its value and where it comes from",
      mirrors: 'the catalogue of known Go module mirrors',
    },
    globalOptions: `Options for every command:
  --json           print one JSON document on stdout (a stable interface)
  --lang zh-CN|en  language of messages (default: from LC_ALL, LC_MESSAGES, LANG)
  --help           this text`,
    exitStatus: 'Exit status: 0 success, 1 the command ran and found errors, 2 bad usage or invalid input.',
    unknownCommand: 'goproxy-desk: unknown command "{{command}}"',
    missingCommand: 'goproxy-desk: no command given',
    unknownOption: 'goproxy-desk: unknown option "{{option}}"',
    noValueAllowed: 'goproxy-desk: {{option}} takes no value',
    notAnInteger: 'goproxy-desk: {{option}} needs a whole number, got "{{value}}"',
    tooManyArguments: 'goproxy-desk: too many arguments for {{command}}: "{{arg}}"',
    missingArgument: 'goproxy-desk: {{command}} needs more arguments: {{synopsis}}',
    unexpectedArgument: 'goproxy-desk: {{command}} takes no arguments, got "{{arg}}"',
    badLang: 'goproxy-desk: --lang must be one of {{langs}}, got "{{lang}}"',
    missingValue: 'goproxy-desk: {{option}} needs a value',
    failed: 'goproxy-desk: {{message}}',
  },
};

export type Messages = typeof en;
