import { bilingual } from './bilingual';

/** The Settings page. */
export const settingsPage = bilingual(
  {
    intro: 'How GoProxy Desk looks, and what it does on its own in the background.',
    appearance: {
      heading: 'Appearance',
      language: 'Language',
      languageHelp: 'System follows the language of your operating system.',
      theme: 'Theme',
      themeHelp: 'System follows the light or dark setting of your operating system.',
    },
    probing: {
      heading: 'Background checks',
      browserHeading: 'Probe history and download test',
      desktopOnly:
        'Background checks, switching mirrors by themselves, the tray and starting at login come with the desktop app. Here, probe from the Mirrors page.',
      interval: 'Check the mirrors every (minutes)',
      intervalHelp: '0 turns background checks off.',
      autoSwitch: 'Switch to the fastest healthy mirror when the current one keeps failing',
      after: 'Switch after this many failed checks in a row',
      retention: 'Keep the probe history for (days)',
      verifyModule: 'Module for the download test',
      verifyModuleHelp:
        'PATH@VERSION, which the setup wizard downloads with go to prove that everything works.',
    },
    system: {
      heading: 'System',
      launchAtLogin: 'Start GoProxy Desk when I log in',
      restoreProxyOnQuit: 'Take the system proxy GoProxy Desk set out again when it quits',
    },
    wizard: {
      heading: 'Setup wizard',
      help: 'Walks you through choosing a mirror, private modules and the proxy, and proves it with a real download.',
      again: 'Run the setup wizard again',
    },
    status: {
      saving: 'Saving…',
      saved: 'Saved.',
      notSaved: 'Not saved: fix the value marked above.',
    },
    invalid: {
      range: 'Enter a whole number from {{min}} to {{max}}. Nothing was saved.',
      module: 'Enter a module path and version, such as rsc.io/quote@v1.5.2. Nothing was saved.',
    },
  },
  {
    intro: 'GoProxy Desk 的外观，以及它在后台自动做的事。',
    appearance: {
      heading: '外观',
      language: '语言',
      languageHelp: '“跟随系统”会使用操作系统的语言。',
      theme: '主题',
      themeHelp: '“跟随系统”会使用操作系统的浅色或深色设置。',
    },
    probing: {
      heading: '后台检测',
      browserHeading: '检测历史与下载测试',
      desktopOnly:
        '后台检测、自动切换镜像、托盘图标和登录时启动只有桌面版才有。在浏览器里请到“镜像”页面手动检测。',
      interval: '每隔多少分钟检测一次镜像',
      intervalHelp: '设为 0 即关闭后台检测。',
      autoSwitch: '当前镜像连续检测失败时，自动切换到最快的正常镜像',
      after: '连续失败多少次后切换',
      retention: '检测历史保留天数',
      verifyModule: '下载测试所用的模块',
      verifyModuleHelp: '格式为“模块路径@版本”。设置向导会用 go 下载它，确认一切正常。',
    },
    system: {
      heading: '系统',
      launchAtLogin: '登录时启动 GoProxy Desk',
      restoreProxyOnQuit: '退出时撤销 GoProxy Desk 设置的系统代理',
    },
    wizard: {
      heading: '设置向导',
      help: '一步步选好镜像、私有模块和代理，最后用 go 真实下载一次模块来验证。',
      again: '重新运行设置向导',
    },
    status: {
      saving: '正在保存…',
      saved: '已保存。',
      notSaved: '未保存：请修正上面标出的值。',
    },
    invalid: {
      range: '请输入 {{min}} 到 {{max}} 之间的整数。未保存任何内容。',
      module: '请输入模块路径和版本，例如 rsc.io/quote@v1.5.2。未保存任何内容。',
    },
  },
);
