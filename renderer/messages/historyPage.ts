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
      file: 'File:',
      undone: 'Undid the change of {{at}}.',
      nothingToUndo: 'Nothing to undo.',
    },
    netproxy: {
      heading: 'Network settings journal',
    },
  },
  {
    intro: 'GoProxy Desk 对 go 环境文件和网络设置做过的修改，最新的排在最前。',
    goenv: {
      heading: 'go 环境文件的修改',
      empty: 'GoProxy Desk 还没有修改过 go 环境文件。',
      undo: '撤销最近一次修改',
      undoHelp: '每次“撤销”只撤销最近一次修改（列表第一条），再点一次就再往前撤销一次。',
      kinds: { write: '修改', undo: '撤销' },
      undoes: '撤销了一次修改',
      next: '下次“撤销”会撤销这一条',
      when: '时间',
      kind: '类型',
      changes: '改动',
      variable: '变量',
      from: '原值',
      to: '新值',
      notSet: '未设置',
      emptyValue: '（空）',
      noValueChanged: '没有值变化（只是重新整理了文件格式）。',
      file: '文件：',
      undone: '已撤销 {{at}} 的修改。',
      nothingToUndo: '没有可撤销的修改。',
    },
    netproxy: {
      heading: '网络设置修改记录',
    },
  },
);
