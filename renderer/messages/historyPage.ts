import { bilingual } from './bilingual';

/** The History page: go env snapshots and the network-settings journal. */
export const historyPage = bilingual(
  {
    intro: 'What GoProxy Desk changed in the go env file and in your network settings, newest first.',
    goenv: {
      heading: 'Go env changes',
      empty: 'GoProxy Desk has not changed the go env file yet.',
      undo: 'Undo the newest change',
      undoHelp:
        'Undo takes back only the newest change (the first one listed). Press it again to go one more step back.',
      kinds: { write: 'Change', undo: 'Undo' },
      undoes: 'Took back a change',
      next: 'Undo takes this one back',
      when: 'When',
      kind: 'Kind',
      changes: 'Changes',
      variable: 'Variable',
      from: 'Before',
      to: 'After',
      notSet: 'not set',
      emptyValue: '(empty)',
      noValueChanged: 'No value changed (the file was laid out again).',
      file: 'In {{file}}',
      undone: 'Undid the change of {{at}}.',
      nothingToUndo: 'Nothing to undo.',
    },
    netproxy: {
      heading: 'Network settings journal',
    },
  },
  {
    intro: 'GoProxy Desk 对 go 环境文件和网络设置所做的修改，最新的在最前。',
    goenv: {
      heading: 'Go 环境修改',
      empty: 'GoProxy Desk 还没有修改过 go 环境文件。',
      undo: '撤销最近一次修改',
      undoHelp: '“撤销”只会撤回最近一次修改（列表中的第一条）。再按一次可以再往回退一步。',
      kinds: { write: '修改', undo: '撤销' },
      undoes: '撤回了一次修改',
      next: '“撤销”会撤回这一条',
      when: '时间',
      kind: '类型',
      changes: '改动',
      variable: '变量',
      from: '之前',
      to: '之后',
      notSet: '未设置',
      emptyValue: '（空）',
      noValueChanged: '没有值发生变化（只是重新排列了文件）。',
      file: '位于 {{file}}',
      undone: '已撤销 {{at}} 的修改。',
      nothingToUndo: '没有可撤销的修改。',
    },
    netproxy: {
      heading: '网络设置修改日志',
    },
  },
);
