import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../electron/services';
import { createNodeHost } from '../../electron/services/host';
import { createSandbox, type Sandbox } from '../fixtures/sandbox';

let sandbox: Sandbox;
let services: Services;
beforeEach(async () => {
  sandbox = await createSandbox();
  services = createServices(createNodeHost({ env: sandbox.env, homedir: sandbox.home }));
});
afterEach(() => sandbox.cleanup());

async function project(name: string, files: Record<string, string>): Promise<string> {
  const dir = path.join(sandbox.root, 'src', name);
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  }
  return dir;
}

const git = (dir: string, ...args: string[]) =>
  promisify(execFile)('git', ['-C', dir, ...args], { env: sandbox.env });

describe('projects:scan', () => {
  it('lists module and requires, and suggests GOPRIVATE only for hosts that look private', async () => {
    const app = await project('app', {
      'go.mod': [
        'module git.corp.example/team/app',
        '',
        'go 1.19',
        '',
        'require (',
        '\tgit.corp.example/team/lib v1.2.0',
        '\tgithub.com/pkg/errors v0.9.1',
        '\tgonum.org/v1/gonum v0.14.0 // indirect',
        '\tgolang.org/x/text v0.3.0',
        ')',
        '',
      ].join('\n'),
    });
    expect(await services.projects.scan([app])).toEqual({
      projects: [
        {
          dir: app,
          module: 'git.corp.example/team/app',
          requires: [
            'git.corp.example/team/lib',
            'github.com/pkg/errors',
            'gonum.org/v1/gonum',
            'golang.org/x/text',
          ],
        },
      ],
      suggestions: [
        { pattern: 'git.corp.example', modules: ['git.corp.example/team/app', 'git.corp.example/team/lib'] },
      ],
    });
  });

  it("takes a host for private when a project's own repository is on that git server", async () => {
    const app = await project('acme', {
      'go.mod': 'module code.acme.com/team/app\n\nrequire code.acme.com/team/lib v1.2.0\n',
    });
    await git(app, 'init', '-q');
    await git(app, 'remote', 'add', 'origin', 'git@code.acme.com:team/app.git');
    const { suggestions } = await services.projects.scan([app]);
    expect(suggestions).toEqual([
      { pattern: 'code.acme.com', modules: ['code.acme.com/team/app', 'code.acme.com/team/lib'] },
    ]);
  });

  it('suggests nothing for a vanity domain or a public code host without evidence', async () => {
    const app = await project('public', {
      'go.mod':
        'module example.com/me/tool\n\nrequire (\n\tgithub.com/spf13/cobra v1.8.0\n\tgo.uber.org/zap v1.27.0\n)\n',
    });
    await git(app, 'init', '-q');
    await git(app, 'remote', 'add', 'origin', 'https://github.com/me/tool.git');
    const result = await services.projects.scan([app]);
    expect(result.projects[0]).toMatchObject({ module: 'example.com/me/tool' });
    expect(result.suggestions).toEqual([]);
  });

  it('reads the modules a go.work uses, and says which folders are not Go projects', async () => {
    const work = await project('work', {
      'go.work': 'go 1.19\n\nuse (\n\t./api\n\t./svc\n)\n',
      'api/go.mod': 'module gitlab.internal/platform/api\n',
      'svc/go.mod': 'module gitlab.internal/platform/svc\n\nrequire gitlab.internal/platform/api v0.1.0\n',
    });
    const empty = await project('notes', { 'README.md': '# notes\n' });
    const missing = path.join(sandbox.root, 'src', 'missing');
    const result = await services.projects.scan([work, empty, missing]);
    expect(result.projects).toEqual([
      { dir: empty, module: null, requires: [], error: expect.stringContaining('is not a Go project') },
      { dir: missing, module: null, requires: [], error: expect.stringContaining('does not exist') },
      { dir: path.join(work, 'api'), module: 'gitlab.internal/platform/api', requires: [] },
      {
        dir: path.join(work, 'svc'),
        module: 'gitlab.internal/platform/svc',
        requires: ['gitlab.internal/platform/api'],
      },
    ]);
    expect(result.suggestions).toEqual([
      {
        pattern: 'gitlab.internal',
        modules: ['gitlab.internal/platform/api', 'gitlab.internal/platform/svc'],
      },
    ]);
  });
});
