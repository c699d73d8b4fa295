/** English messages. The shape of this object is the shape every other language must have. */
export const en = {
  app: {
    title: 'GoProxy Desk',
    tagline: 'How Go modules reach this machine',
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
    gorootEnvFile: 'Installation defaults',
    gorootEnvMissing: '{{file}} (missing: GOPROXY and GOSUMDB are empty unless set elsewhere)',
    readOnly: 'read-only',
    go: 'Go',
    goFound: '{{version}} at {{path}}',
    goMissing: 'Go was not found on PATH.',
    goMissingHelp:
      'Install Go from https://go.dev/dl/ (in mainland China: https://golang.google.cn/dl/), then refresh. Values below come from the env file and the OS environment.',
    goError: 'go env failed: {{message}}',
    envFileError: 'The env file cannot be read, so go ignores it: {{message}}',
    fileValue: 'env file: {{value}}',
    gorootValue: 'Go installation (go.env): {{value}}',
    osValue: 'OS environment: {{value}}',
    sources: {
      'os-env': 'OS environment',
      'env-file': 'env file',
      'goroot-env': 'GOROOT/go.env',
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
  toolchain: {
    noGo: 'Go was not found on PATH: no toolchain to choose. Install Go from https://golang.google.cn/dl/ (or https://go.dev/dl/).',
    go: 'Go: {{version}} at {{path}}',
    none: '{{version}} predates toolchain switching (go 1.21): it always runs itself.',
    gotoolchain: 'GOTOOLCHAIN: {{value}} [{{source}}]',
    noFile: 'Project: {{project}} has no go.mod or go.work (go runs its default toolchain there)',
    file: 'Project file: {{file}} (go {{go}}, toolchain {{toolchain}})',
    local: 'Runs: {{run}} (the installed go, no switch)',
    switches: {
      default: 'Runs: {{run}} instead of {{local}} (GOTOOLCHAIN names it)',
      'go-line': 'Runs: {{run}} instead of {{local}} (the go line needs it)',
      'toolchain-line': 'Runs: {{run}} instead of {{local}} (the toolchain line asks for it)',
      'toolchain-default': 'Runs: {{run}} instead of {{local}} (GOTOOLCHAIN names it; toolchain default)',
    },
    onPath: '{{name}} is on PATH: go runs it from there, nothing to download.',
    download: 'Download: {{module}}@{{version}} (about 70 MB), through:',
    liveOk: 'The toolchain can be downloaded through this chain.',
    error: 'go would stop: {{message}}',
  },
  project: {
    folder: 'Project: {{dir}}',
    none: "No file in this project sets a Go module variable; every build uses its base values (this machine's go env, or the image's and the runner's defaults).",
    layersHeader: "Settings in the project's files:",
    columns: { where: 'File:line', context: 'Reaches', setting: 'Setting', how: 'How' },
    effectiveHeader: 'What each build sees:',
    context: '{{context}}',
    from: 'from {{from}}',
    problems: 'Not read:',
    applied_one: 'Changed {{count}} file; `goproxy-desk project restore {{dir}}` takes it back.',
    applied_other: 'Changed {{count}} files; `goproxy-desk project restore {{dir}}` takes it back.',
    nothing: 'Nothing to change: the file already holds these settings.',
    badSub:
      'goproxy-desk: project apply DIR --to direnv|vscode KEY=VALUE... [--unset KEY]... [--dry-run], or project restore DIR [--dry-run]',
    badTarget:
      'goproxy-desk: --to {{to}}: GoProxy Desk writes .envrc (direnv) and .vscode/settings.json (vscode) only; for Dockerfiles, compose and CI files it shows what to change (goproxy-desk doctor --project DIR)',
    badAssignment: 'goproxy-desk: "{{arg}}" is not KEY=VALUE',
    contexts: {
      terminal: 'terminal (direnv)',
      'editor-tools': 'editor tools (gopls)',
      make: 'make',
      container: 'container {{name}}',
      ci: 'CI job {{name}}',
    },
  },
  route: {
    noproxy: 'direct from version control (matches GONOPROXY/GOPRIVATE pattern "{{pattern}}")',
    insecure: '[GOINSECURE: http and unverified TLS allowed]',
    kinds: {
      direct: 'direct from version control',
      directToolchain:
        "direct: go.dev's toolchain server (only the newest patch release of each supported Go)",
      off: 'off: fetching disabled (GOPROXY=off)',
    },
    fallback: { any: 'on any error, try the next', notfound: 'only on "not found" (404/410), try the next' },
    invalid: 'go would stop at once: {{message}}',
    checksum: {
      checked: 'Checksum: verified against {{db}} (through a mirror that proxies it, else {{url}})',
      'gosumdb-off': 'Checksum: NOT verified (GOSUMDB=off)',
      gonosumdb: 'Checksum: not verified (matches GONOSUMDB/GOPRIVATE pattern "{{pattern}}")',
      'invalid-gosumdb': 'Checksum: go would fail: GOSUMDB is invalid',
      toolchain:
        'Checksum: always verified against {{db}} for a Go toolchain, whatever GOSUMDB and GONOSUMDB say (through a mirror that proxies it, else {{url}})',
      toolchainFails:
        'Checksum: a Go toolchain is always verified, but the checksum database cannot be used: go would download it and then stop with "{{error}}"',
    },
    live: {
      heading: 'Live walk (what go would request, in order):',
      outcomes: {
        timeout: 'no answer (go would hang)',
        ok: 'served',
        'not-found': 'not found',
        error: 'failed',
        off: 'off',
        'not-checked': 'not checked',
      },
      fails: 'go would fail: {{message}}',
      servedBy: 'Served by {{step}}',
      servedByMany: 'Served by more than one entry (see above)',
    },
  },
  envWrite: {
    unsetValue: '(not set)',
    emptyValue: '(empty)',
    written: 'Written to {{file}} (snapshot {{id}}; goproxy-desk undo reverts it).',
    normalized: 'No value changed; {{file}} was rewritten the way go env -w lays it out (snapshot {{id}}).',
    nothing: 'Nothing to change: {{file}} already says that.',
    dryRun: 'Dry run: nothing was written to {{file}}.',
    undone: 'Undid change {{id}} ({{at}}) in {{file}}.',
    nothingToUndo: 'Nothing to undo.',
  },
  envHistory: {
    empty: 'GoProxy Desk has not changed the go env file yet.',
    id: 'ID',
    at: 'Time (UTC)',
    what: 'Change',
    undoOf: 'undo of {{id}} ({{what}})',
  },
  probe: {
    integrityOk: 'its copy of the module matches the checksum database (signed tree, proof, h1 hashes)',
    integrityFailed: 'checksum database check failed: {{message}}',
    heading: 'Probe of {{module}}.info on each mirror (ms; medians of the successful samples)',
    columns: {
      mirror: 'Mirror',
      status: 'Status',
      p50: 'p50',
      p95: 'p95',
      dns: 'DNS',
      connect: 'Connect',
      tls: 'TLS',
      ttfb: 'TTFB',
      sumdb: 'Checksum DB',
      http2: 'HTTP/2',
      toolchain: 'Toolchains',
    },
    statuses: { ok: 'ok', slow: 'slow', degraded: 'degraded', dead: 'dead' },
    phases: {
      dns: 'DNS lookup',
      connect: 'connecting',
      tls: 'TLS handshake',
      ttfb: 'waiting for the answer',
      body: 'reading the answer',
    },
    yes: 'yes',
    no: 'no',
    failures: {
      dns: 'the name does not resolve',
      refused: 'the connection was refused',
      reset: 'the connection was closed ({{phase}})',
      timeout: 'no answer in time ({{phase}})',
      tls: 'the TLS handshake failed',
      'http-status': 'it answered HTTP {{status}}',
      'bad-response': 'the answer is not module info',
      proxy: 'the HTTP proxy failed ({{phase}})',
    },
    details: {
      'self-signed': 'self-signed certificate',
      'unknown-authority': 'certificate from an unknown authority',
      expired: 'certificate expired',
      'not-yet-valid': 'certificate not valid yet',
      'wrong-host': 'certificate for another name',
      revoked: 'certificate revoked',
      handshake: 'not a TLS server?',
      html: 'an HTML page, perhaps a captive portal',
      'not-json': 'not JSON',
      'wrong-version': 'info for another version',
      'too-large': 'far too large',
      'malformed-http': 'not HTTP',
      'bad-redirect': 'a redirect that cannot be followed',
      'too-many-redirects': 'too many redirects',
      unreachable: 'the proxy is not reachable',
      timeout: 'the proxy does not answer',
      'auth-required': 'the proxy wants credentials',
      'tunnel-refused': 'the proxy refused the tunnel',
      cgi: 'HTTP_PROXY is refused while REQUEST_METHOD is set',
      unsupported: 'a proxy scheme the probe does not speak',
    },
    advice: {
      dns: 'Check the address or your DNS settings.',
      refused: 'Check the address and port, or pick another mirror.',
      reset: 'A firewall or proxy may be cutting it; try again or pick another mirror.',
      timeout: 'Check the HTTP proxy or pick another mirror.',
      tls: 'If your network intercepts TLS, give go its CA with SSL_CERT_FILE; otherwise pick another mirror.',
      'http-status': 'The mirror is failing or refuses this module; pick another mirror.',
      'bad-response': 'Sign in to the network if it has a login page, or pick another mirror.',
      proxy: 'Check HTTPS_PROXY / HTTP_PROXY / NO_PROXY and the proxy itself.',
    },
    errorLine: '{{what}}{{detail}}. {{advice}}',
    detail: ' ({{detail}})',
    viaProxy: 'probed through the HTTP proxy {{proxy}}, as go would go',
    behind_one: '{{count}} version behind the freshest mirror (latest here {{latest}}, {{days}} days older)',
    behind_other:
      '{{count}} versions behind the freshest mirror (latest here {{latest}}, {{days}} days older)',
    throughput: '{{rate}} MB/s downloading {{url}}',
    throughputFailed: 'throughput not measured: {{message}}',
    fastest: 'Fastest healthy mirror: {{id}} (p50 {{p50}} ms)',
    noneHealthy: 'No mirror is healthy (all samples answered, status ok).',
    invalid: 'goproxy-desk probe: {{message}}',
    outOfRange: 'goproxy-desk probe: {{option}} must be between {{min}} and {{max}}, got {{value}}',
  },
  netproxy: {
    scope: 'Scope',
    where: 'Where',
    http: 'HTTP proxy',
    https: 'HTTPS proxy',
    noProxy: 'No proxy for',
    notSet: '(not set)',
    unavailable: 'not available here: {{note}}',
    processEnv:
      'This process was started with: HTTP_PROXY={{http}} HTTPS_PROXY={{https}} NO_PROXY={{noProxy}}',
    conflict: '{{file}}:{{line}}: {{text}}',
    conflictsHeader: 'Also setting a proxy elsewhere:',
    scopeNote: 'warning ({{scope}}): {{note}}',
    unfinished:
      'warning: a change to your network settings started at {{at}} ({{summary}}) never finished; run `goproxy-desk proxy restore` to put everything back.',
    journalHeader: 'Journal (newest first; `proxy restore` takes back the newest one not yet restored):',
    journalEntry: '{{id}}  {{at}}  {{state}}  {{summary}}',
    actions: { create: 'create', modify: 'modify', delete: 'delete', set: 'set', reset: 'reset' },
    step: '{{action}} {{place}}',
    applied_one:
      'Changed {{count}} place (journal entry {{id}}); `goproxy-desk proxy restore` takes it back.',
    applied_other:
      'Changed {{count}} places (journal entry {{id}}); `goproxy-desk proxy restore` takes it back.',
    nothing: 'Nothing to change: the chosen scopes already hold these settings.',
    dryRun: 'Dry run: nothing was changed.',
    outcomes: {
      restored: 'restored',
      unchanged: 'unchanged',
      merged: 'restored GoProxy Desk’s part',
      conflict: 'changed since, left as is',
    },
    restoredEntry: 'Restored journal entry {{id}} ({{summary}}).',
    detect: {
      mode: 'The OS chooses proxies: {{mode}} ({{source}})',
      modes: {
        none: 'no proxy',
        manual: 'a manual proxy',
        pac: 'a PAC script',
        wpad: 'auto-detection (WPAD)',
      },
      pacUrl: 'PAC script: {{url}}',
      decisionsHeader:
        'What it decides for the URLs go and git need (PAC answer → the one proxy go would use):',
      direct: 'direct',
      suggestionHeader: 'To make go and git do the same:',
      noProxyNeeded: 'nothing to set: everything goes direct',
    },
    badDetectUrl: 'goproxy-desk: --url {{url}}: give an http:// or https:// URL',
    nothingToRestore: 'Nothing to restore: the journal has no change that is not restored yet.',
    incomplete: 'Some places changed after GoProxy Desk wrote them and were left as they are (see above).',
    badScope: 'unknown scope "{{scope}}" (use env, git, system)',
    badSubcommand: 'goproxy-desk proxy: unknown subcommand "{{sub}}" (show, set, unset, restore, test)',
    optionNotFor: 'goproxy-desk proxy {{sub}}: {{option}} does not apply here',
    checkHeader: 'Through {{proxy}} to {{mirror}}:',
    checkOk: 'The proxy works.',
    checkFailed: 'The proxy does not work for every check (see above).',
  },
  profiles: {
    empty: 'No profiles yet. Create them in the app, or import a file: goproxy-desk profile import FILE',
    name: 'Name',
    goenv: 'Go env',
    proxy: 'Proxy',
    none: '—',
    applied_one:
      'Applied profile "{{name}}": {{count}} place changed (journal entry {{id}}); `goproxy-desk proxy restore` takes it back.',
    applied_other:
      'Applied profile "{{name}}": {{count}} places changed (journal entry {{id}}); `goproxy-desk proxy restore` takes it back.',
    nothing: 'Profile "{{name}}" is already in effect: nothing to change.',
    imported:
      'Imported: {{imported}}. Replaced: {{replaced}}. Skipped (already there; --replace overwrites): {{skipped}}.',
    badSubcommand: 'goproxy-desk profile: unknown subcommand "{{sub}}" (list, apply, export, import)',
  },
  doctor: {
    severity: { error: 'error', warning: 'warning', info: 'info' },
    fixAvailable: 'fix: goproxy-desk doctor --fix {{id}} ({{summary}})',
    fixed: 'Fixed {{id}}: {{summary}}',
    wouldFix: 'Would fix {{id}}: {{summary}}',
    undoGoenv: 'The go env file was snapshotted first (snapshot {{id}}): `goproxy-desk undo` reverts it.',
    undoNetproxy:
      'Network settings journaled first (entry {{id}}): `goproxy-desk proxy restore` takes it back.',
    clean: 'No problems found.',
    summary: '{{error}} error(s), {{warning}} warning(s), {{info}} note(s).',
    notProbed:
      'Live checks were skipped (--no-probe): mirrors, the proxy and the checksum DB were not contacted.',
  },
  verify: {
    header: '{{module}}@{{version}} from {{mirror}}:',
    expected: 'the checksum database says',
    sumdb:
      'checksum database {{name}} at {{url}}: signed tree of {{size}} records, record proved, history consistent',
    ok: 'The mirror serves exactly the bits the checksum database vouches for.',
  },
  errors: {
    'invalid-input': 'The request was malformed: {{message}}',
    'invalid-output': 'The app produced an answer it cannot vouch for. Please report this bug.',
    'unknown-channel': 'The app asked for something that does not exist. Please report this bug.',
    forbidden: 'This request was refused because it did not come from the GoProxy Desk window.',
    internal: 'Something went wrong: {{message}}',
    'go-failed': 'go failed: {{message}}',
    cancelled: 'Cancelled.',
    'no-healthy-mirror': 'No mirror answered correctly every time: {{message}}',
    'unfinished-change': 'A change to your network settings never finished: {{message}}',
    unavailable: 'Not available on this machine: {{message}}',
    'apply-failed': 'The change could not be made: {{message}}',
    disconnected:
      "Lost the connection to `goproxy-desk ui`: it was stopped, or this page's session ended. Run it again and open the new link it prints.",
  },
  diagnosis: {
    /** An error's headline, without the raw message (that is under Details). */
    titles: {
      'invalid-input': 'The request was malformed.',
      'invalid-output': 'The app produced an answer it cannot vouch for. Please report this bug.',
      'unknown-channel': 'The app asked for something that does not exist. Please report this bug.',
      forbidden: 'This request was refused because it did not come from the GoProxy Desk window.',
      internal: 'Something went wrong.',
      'go-failed': 'go failed.',
      cancelled: 'Cancelled.',
      'no-healthy-mirror': 'No mirror answered correctly every time.',
      'unfinished-change': 'A change to your network settings never finished. Restore it first.',
      unavailable: 'Not available on this machine.',
      'apply-failed': 'The change could not be made; what had been written was put back.',
      disconnected:
        "Lost the connection to `goproxy-desk ui`: it was stopped, or this page's session ended. Run it again and open the new link it prints.",
    },
    details: 'Details',
    theHost: 'the host',
    theAddress: 'the address',
    theFile: 'the file',
    reasons: {
      dns: {
        cause: "Can't resolve {{host}}: this network's DNS does not know the name.",
        action:
          'If it is on your company network, connect the VPN first; otherwise check the spelling and your DNS settings.',
      },
      refused: {
        cause: 'Nothing accepts connections at {{address}}.',
        action: 'Check the HTTP proxy and its port, and that the proxy or mirror is running.',
      },
      reset: {
        cause: 'The connection to {{host}} was cut off.',
        action:
          'A firewall or an HTTP proxy in the way may be blocking it: check the proxy, or try another mirror.',
      },
      tls: {
        cause: 'The certificate of {{host}} is not trusted.',
        action:
          'A corporate proxy that inspects HTTPS usually causes this: install its root certificate on this machine, or ask IT which one to use.',
      },
      auth: {
        cause: '{{host}} wants you to sign in.',
        action: 'Give go the credentials: a line for the host in ~/.netrc, or GOAUTH.',
      },
      'proxy-auth': {
        cause: 'The HTTP proxy wants a user name and password.',
        action: 'Enter them with the proxy settings and test again.',
      },
      timeout: {
        cause: '{{host}} did not answer in time.',
        action: 'Check the network and the HTTP proxy, or pick a faster mirror.',
      },
      'server-error': {
        cause: '{{host}} answered with a server error.',
        action: 'The mirror or proxy has a problem on its side: try again later or pick another mirror.',
      },
      'goproxy-scheme': {
        cause: 'go cannot use {{url}} in GOPROXY: an entry must start with https://, http:// or file://.',
        action: 'Pick a mirror on the Mirrors page, or correct the entry.',
      },
      'goproxy-missing-scheme': {
        cause: 'The GOPROXY entry {{url}} has no https:// in front, so go cannot use it.',
        action: 'Add https:// to the entry, or pick a mirror on the Mirrors page.',
      },
      'goproxy-empty': {
        cause: 'GOPROXY has separators but no entries, so go cannot download anything.',
        action: 'Pick a mirror on the Mirrors page.',
      },
      'http-status': {
        cause: '{{host}} answered HTTP {{status}}.',
        action: 'The mirror may not have this module yet, or may be misconfigured: try another mirror.',
      },
      'bad-answer': {
        cause: 'The answer is not what a module mirror sends (perhaps a login page).',
        action: 'Sign in to the network, or check the mirror URL.',
      },
      permission: {
        cause: 'No permission to read or write {{path}}.',
        action: 'Check who owns the file and its permissions.',
      },
      'not-found': {
        cause: '{{path}} does not exist.',
        action: 'Check the path.',
      },
    },
  },
  scopeNotes: {
    'no-desktop':
      'No desktop session was found (XDG_CURRENT_DESKTOP is not set), so there is no system proxy to set here. The shell and git proxies still work.',
    'unsupported-desktop':
      'The desktop {{desktop}} has no system proxy settings GoProxy Desk can write (it supports KDE Plasma and GNOME-family desktops). The shell and git proxies still work.',
    'other-desktop-apps':
      'On {{desktop}}, GNOME’s proxy settings are used by GLib/GIO apps only; other apps may ignore them.',
    'no-session-bus':
      'There is no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set), so GNOME cannot save proxy settings. Open GoProxy Desk from inside the desktop session.',
    'gsettings-memory': 'GSETTINGS_BACKEND=memory: GNOME would forget the change as soon as it is made.',
    'no-gsettings':
      'gsettings is not installed (package libglib2.0-bin), so the system proxy cannot be read or set.',
    'no-gnome-schema':
      'GNOME’s proxy settings are not installed (package gsettings-desktop-schemas), so the system proxy cannot be read or set.',
    'no-git': 'git is not installed.',
    'macos-only': 'Only on macOS.',
    'windows-only': 'Only on Windows.',
    'gnome-mode': 'GNOME’s proxy mode is “{{mode}}”.',
    'wpad-on': 'Automatic proxy discovery (WPAD) is on.',
    'pac-on':
      'A proxy auto-config script (PAC) is on: {{url}}. Apps that follow the system settings ask it first.',
    'read-failed': 'Could not be read.',
  },
  changeSummary: {
    set: 'Proxy set to',
    unset: 'Removed the proxy',
    profile: 'Applied the profile',
    project: 'Wrote to the project:',
  },
  detectSources: {
    gnome: 'GNOME settings',
    kde: 'KDE settings',
    windows: 'Windows Internet Options',
    macos: 'macOS network settings',
    'no-desktop':
      'no desktop session (XDG_CURRENT_DESKTOP is not set); browsers then use the environment variables',
    'desktop-without-proxy':
      'the desktop {{desktop}} has no proxy settings browsers read; they use the environment variables',
  },
  cli: {
    usage: 'Usage: goproxy-desk <command> [options]',
    commandsHeader: 'Commands:',
    commands: {
      env: "Go's module-fetching settings, each with its value and where it comes from",
      mirrors: 'the catalogue of known Go module mirrors',
      set: 'go env -w KEY=VALUE..., atomically, with a snapshot to undo',
      unset: 'go env -u KEY..., atomically, with a snapshot to undo',
      undo: 'restore the go env file as it was before the last change (again: one more step back)',
      history: 'the changes GoProxy Desk made to the go env file, newest first',
      use: "set GOPROXY to a mirror (keeping your chain's shape), snapshot first; undo takes it back",
      route: 'how go would fetch a module: the steps, the checksum check, and with --live a real walk',
      probe: 'latency, health, checksum DB support and freshness of mirrors, all probed in parallel',
      proxy:
        'show, set, unset or restore the HTTP proxy for the shell (env), git and the OS (system); test one',
      profile:
        'named sets of Go env values and proxy settings: list, apply (one undoable change), export, import',
      doctor: 'the misconfiguration checklist: findings with evidence, and fixes you can preview and undo',
      verify:
        "prove a mirror's .mod and .zip match the checksum database (signed notes, tile proofs, h1 hashes)",
      auth: 'where go gets credentials for each mirror and private host: GOPROXY URL, .netrc or GOAUTH',
      toolchain:
        'which Go toolchain go runs for a folder (GOTOOLCHAIN, go.mod/go.work), and what a switch downloads through which mirrors',
      project:
        "where a project's own files set Go's module settings (.envrc, VS Code, GoLand, Dockerfiles, compose, CI, Makefile), and each build's values",
      ui: 'the app in your browser, for machines without a desktop (SSH, WSL, containers); prints a one-time link',
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
  tray: {
    tooltip: 'GoProxy Desk',
    tooltipMirror: 'GoProxy Desk — {{mirror}}',
    menu: {
      mirrorsHeader: 'Mirror go asks first (GOPROXY)',
      mirror: '{{dot}} {{name}} — {{latency}}',
      latency: '{{ms}} ms',
      notProbed: 'not probed yet',
      down: 'not answering',
      unlisted: '{{url}} (not in the list)',
      direct: 'direct (no mirror)',
      off: 'off (module downloads disabled)',
      invalidChain: 'GOPROXY is invalid (see the checklist)',
      fastest: 'Fastest (auto)',
      switching: 'Switching…',
      undoSwitch: 'Undo the switch to {{name}}',
      profiles: 'Profiles',
      noProfiles: 'No profiles yet',
      probeNow: 'Probe now',
      probing: 'Probing…',
      checklist: 'Open checklist',
      checklistClear: 'Open checklist (no issues)',
      checklistOne: 'Open checklist (1 issue)',
      checklistMany: 'Open checklist ({{count}} issues)',
      open: 'Open GoProxy Desk',
      quit: 'Quit',
    },
    notify: {
      undo: 'Undo',
      downTitle: '{{name}} is not answering',
      downBody:
        'The last {{count}} background checks failed, so go cannot fetch modules through it. Pick another mirror in the tray, or turn on automatic switching in Settings.',
      switchedTitle: 'Switched to {{name}}',
      switchedBody:
        '{{from}} stopped answering ({{count}} failed checks in a row), so GOPROXY now starts with {{name}} ({{ms}} ms). Undo it from the tray menu.',
      noHealthyTitle: '{{name}} is not answering, and no other mirror is healthy',
      noHealthyBody:
        'Nothing was changed. Check your network or HTTP proxy on the Proxy page; GoProxy Desk keeps checking.',
      switchFailedTitle: 'Could not switch away from {{name}}',
      recoveredTitle: '{{name}} answers again',
      recoveredBody: 'Background checks succeed again.',
      checklistOneTitle: 'A new error in the checklist',
      checklistManyTitle: '{{count}} new errors in the checklist',
      checklistBody: '{{title}} Open the checklist to see the fix.',
      usedTitle: 'GOPROXY now starts with {{name}}',
      usedBody: 'The change was snapshotted; undo it on the History page.',
      undoneTitle: 'Switch undone',
      undoneBody: 'GOPROXY is back to what it was before the switch.',
      undoStaleBody: 'go env changed after the switch, so undo it on the History page instead.',
      profileTitle: 'Profile “{{name}}” applied',
      profileBody: 'Places changed: {{count}}. Take it back on the Proxy page.',
      profileUnchangedBody: 'It was already in effect: nothing changed.',
      probedTitle: 'Probe finished',
      probedBody: 'Healthy mirrors: {{healthy}} of {{total}}.',
      failedTitle: 'That did not work',
      closeHintTitle: 'GoProxy Desk is still running',
      closeHintBody: 'It keeps an eye on your mirrors from the tray. Quit it from the tray menu.',
    },
    dialog: {
      unfinishedTitle: 'A network change did not finish',
      unfinishedMessage:
        'A change to your proxy settings was cut short, probably by a crash: {{summary}} ({{at}}).',
      unfinishedDetail:
        'Restoring puts back what that change had written, and nothing else. You can also do it later on the Proxy page.',
      restore: 'Restore',
      openProxy: 'Open the Proxy page',
      later: 'Later',
      restoredTitle: 'Network settings restored',
      restoreIncomplete:
        'Some places were changed after GoProxy Desk wrote them and were left as they are: see the Proxy page.',
    },
  },
  // ── goproxy-desk auth: GOAUTH, .netrc and the credentials go sends to mirrors and private hosts ──
  // Every message may use {{go}} ("go 1.25"); {{file}} is the .netrc path.
  ui: {
    badPort:
      'goproxy-desk: --port must be a port number from 0 to 65535 (0 picks a free one), got "{{port}}"',
    badHost:
      'goproxy-desk: --host must be an IP address such as 127.0.0.1 or ::1 (or localhost), got "{{host}}"',
    notBuilt:
      "goproxy-desk: the app's pages are not built ({{dir}} has no index.html). Run `npm run build` first.",
    portInUse:
      'goproxy-desk: port {{port}} is already in use. Pick another with --port, or --port 0 for a free one.',
    noSuchAddress: 'goproxy-desk: this machine has no address {{host}}; use 127.0.0.1 (the default).',
    exposed:
      'Warning: port {{port}} on {{address}} can be reached from other machines. Anyone who gets the link can change the go, git and proxy settings of this account; prefer the default 127.0.0.1 and an SSH tunnel.',
    running: 'GoProxy Desk is running at {{origin}}/. The link above works once: it starts your session.',
    opened: 'Opened in your browser.',
    noBrowser: 'No desktop browser to open here: open the link yourself.',
    tunnel:
      'From your own computer over SSH: ssh -L {{port}}:127.0.0.1:{{port}} {{host}}, then open the link there (keep the same port).',
    stop: 'Press Ctrl+C to stop.',
    stopped: 'Stopped.',
  },
  auth: {
    go: 'Go: {{version}} at {{path}} (rules of {{go}})',
    goMissing: 'Go was not found on PATH; showing the rules of the newest go.',
    goauth: 'GOAUTH: {{value}} (go asks, first one wins: {{commands}})',
    goauthInvalid: 'GOAUTH: {{value}} (invalid, see below)',
    goauthUnsupported: 'GOAUTH: not read by {{go}}, which always reads .netrc',
    netrcFound: '.netrc: {{file}} (mode {{mode}}, {{count}} usable entries)',
    netrcMissing: '.netrc: {{file}} (does not exist)',
    netrcUnreadable: '.netrc: {{file}} (cannot be read)',
    netrcNoPath: '.netrc: none (go finds no home folder)',
    mirrorsHeading: 'Mirrors (GOPROXY):',
    noMirrors: 'none: GOPROXY has no http(s) mirror',
    hostsHeading: 'Private module hosts (GOPRIVATE, GONOPROXY):',
    warningsHeading: 'Warnings:',
    fromPattern: '(pattern {{pattern}})',
    sources: {
      url: 'credentials: user {{login}} from the GOPROXY URL',
      netrc: 'credentials: {{file}} line {{line}} (login {{login}})',
      goauth:
        'credentials: from the GOAUTH command {{command}}; what it gives cannot be known without running it',
      goauthGit:
        'credentials: from git credential fill ({{command}}), asked after a 4xx answer; cannot be known without running it',
      goauthFallback: 'otherwise {{file}} line {{line}} (login {{login}})',
      none: 'credentials: none',
      globNone: 'no .netrc entry matches this pattern; go looks up each host by its own name',
    },
    warnings: {
      'netrc-port-missing':
        '{{go}} looks for `machine {{expected}}` in {{file}}, but line {{line}} says `machine {{machine}}`, so go sends nothing. Add `machine {{expected}}`.',
      'netrc-port-ignored':
        '{{go}} compares the host name only, so line {{line}} (`machine {{machine}}`) never matches. Write `machine {{expected}}` (go 1.21 and later want host:port).',
      'netrc-incomplete':
        'Line {{line}} of {{file}}: `machine {{machine}}` has no {{missing}}, so go ignores the entry.',
      'http-no-credentials':
        'This mirror is plain http: go sends .netrc and GOAUTH credentials over https only, so it sends none here. Use https.',
      'url-credentials-cleartext':
        'The GOPROXY URL carries a password over plain http: anyone on the way can read it. Use https.',
      'goauth-off-netrc': 'GOAUTH=off: go ignores {{file}}, including line {{line}} for this host.',
      'netrc-not-in-goauth':
        'GOAUTH has no `netrc`, so go ignores line {{line}} of {{file}} for this host. Add `netrc` to GOAUTH.',
      'url-overridden-by-netrc':
        '{{go}} sends {{file}} line {{line}} instead of the user {{user}} in the GOPROXY URL (before go 1.24 a .netrc entry wins).',
      'netrc-shadowed-by-url':
        '{{go}} sends the user and password of the GOPROXY URL; line {{line}} of {{file}} is not used for this mirror.',
      'goauth-may-override':
        'GOAUTH commands ({{commands}}) may answer for this URL too; what they print decides, and that cannot be known without running them.',
      'goauth-error': 'go stops at its first https download: {{message}}',
      'goproxy-error': 'GOPROXY is invalid: {{message}}',
      'netrc-unreadable': 'go cannot read {{file}} ({{message}}) and silently sends no .netrc credentials.',
      'netrc-permissions':
        '{{file}} has mode {{mode}}: other users can read or change your passwords. go does not check this; run chmod 600 {{file}}.',
      'netrc-default-stops':
        'go stops reading {{file}} at line {{line}} (`default`): entries after it are ignored, and `default` credentials are never used.',
      'netrc-default-ignored': 'Line {{line}} of {{file}}: go never uses `default` credentials.',
      'netrc-no-home': '{{variable}} is not set, so go reads no .netrc (NETRC can name the file).',
    },
    explain: {
      'goauth-error': 'go stopped before sending anything because GOAUTH is invalid: {{message}}',
      http: '{{go}} never sends .netrc or GOAUTH credentials over http://, so {{url}} got none; use https.',
      'http-url':
        'go sent the user {{login}} from the GOPROXY URL in clear text and the server answered {{status}}; check the user and password, and use https.',
      'netrc-rejected':
        'go sent the login {{login}} from {{file}} line {{line}} and the server refused it ({{status}}): check the password of that entry.',
      'netrc-forbidden':
        'go sent the login {{login}} from {{file}} line {{line}}; the server knows it but does not let it in ({{status}}): ask for access or use another account.',
      'netrc-over-url':
        '{{go}} sent the login {{login}} from {{file}} line {{line}} instead of the user in the GOPROXY URL, and the server answered {{status}}: fix or remove that .netrc entry.',
      'url-rejected':
        'go sent the user {{login}} from the GOPROXY URL and the server refused it ({{status}}): check the user and password in GOPROXY.',
      'url-forbidden':
        'go sent the user {{login}} from the GOPROXY URL; the server knows it but does not let it in ({{status}}): ask for access.',
      'goauth-command':
        'go asked the GOAUTH command {{command}} for credentials and the server still answered {{status}}: run it with {{url}} as its last argument to see what it prints.',
      'goauth-off':
        'GOAUTH=off, so {{go}} ignored {{file}} line {{line}} and sent no credentials ({{status}}): unset GOAUTH or set it to netrc.',
      'netrc-not-in-goauth':
        'GOAUTH={{goauth}} has no netrc, so {{go}} ignored {{file}} line {{line}} and sent no credentials ({{status}}).',
      'port-missing':
        '{{go}} looks for `machine {{expected}}` in {{file}}; your entry on line {{line}} is `machine {{machine}}`, so go sent no credentials ({{status}}).',
      'port-ignored':
        '{{go}} looks for `machine {{expected}}` (no port) in {{file}}; your entry on line {{line}} is `machine {{machine}}`, so go sent no credentials ({{status}}).',
      incomplete:
        'The entry `machine {{machine}}` on line {{line}} of {{file}} has no {{missing}}, so go ignored it and sent no credentials ({{status}}).',
      'netrc-unreadable': 'go could not read {{file}} ({{message}}) and sent no credentials ({{status}}).',
      'no-credentials':
        '{{go}} sent no credentials ({{status}}): {{file}} has no `machine {{expected}}` entry and the GOPROXY URL has no user.',
      'not-in-report': '{{url}} is not a mirror or private host that go uses with these settings.',
    },
  },
};

export type Messages = typeof en;
