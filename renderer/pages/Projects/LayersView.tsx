import { useTranslation } from 'react-i18next';
import type { ProjectLayersResult } from '../../../shared/contract';
import { visible } from '../../../shared/visible';
import { contextLabel, sourceLabel } from './contextLabel';
import { groupByContext, layerSummary, type ContextGroup } from './layers';

/** The answer first (how many files, how many builds), then each build: its lines, then what go uses. */
export function LayersView({ result }: { result: ProjectLayersResult }) {
  const { t } = useTranslation();
  const { files, builds } = layerSummary(result);
  const groups = groupByContext(result);
  return (
    <div data-testid="project-layers">
      <p data-testid="project-summary">
        {files === 0 ? t('projectsPage.layers.none') : t('projectsPage.layers.summary', { files, builds })}
      </p>
      {groups.map((group) => (
        <ContextView key={group.context} group={group} />
      ))}
      {result.problems.length > 0 && (
        <div className="banner banner-warning" data-testid="project-problems">
          <div>
            <strong>{t('projectsPage.layers.problems')}</strong>
            <ul>
              {result.problems.map((p, i) => (
                <li key={i}>
                  <code>{visible(p.line > 0 ? `${p.file}:${p.line}` : p.file)}</code> {visible(p.message)}
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}
    </div>
  );
}

function ContextView({ group }: { group: ContextGroup }) {
  const { t } = useTranslation();
  const version = group.layers.find((l) => l.goVersion !== undefined)?.goVersion;
  const headingId = `project-context-${group.context.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const effective = Object.entries(group.effective);
  return (
    <section
      className="project-context"
      aria-labelledby={headingId}
      data-testid="project-context"
      data-context={group.context}
    >
      <h3 id={headingId}>
        {contextLabel(t, group.context)}
        {version !== undefined && (
          <span className="badge badge-default">{t('projectsPage.layers.goVersion', { version })}</span>
        )}
      </h3>
      {group.layers.length === 0 ? (
        <p className="muted small">{t('projectsPage.layers.noSettings')}</p>
      ) : (
        <div className="table-scroll">
          <table className="grid project-table">
            <thead>
              <tr>
                <th scope="col">{t('projectsPage.layers.where')}</th>
                <th scope="col">{t('projectsPage.layers.setting')}</th>
                <th scope="col">{t('projectsPage.layers.how')}</th>
              </tr>
            </thead>
            <tbody>
              {group.layers.map((l, i) => (
                <tr key={i} data-testid="layer" data-file={l.file} data-line={l.line} data-key={l.key}>
                  <td>
                    <code className="value">{visible(`${l.file}:${l.line}`)}</code>
                  </td>
                  <td className="project-setting">
                    <code className="value">{visible(`${l.key}=${l.value}`)}</code>
                  </td>
                  <td className="muted small">
                    <code>{visible(l.how)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h4>{t('projectsPage.layers.effective')}</h4>
      {effective.length === 0 ? (
        <p className="muted small">{t('projectsPage.layers.defaultsOnly')}</p>
      ) : (
        <dl className="facts project-effective">
          {effective.map(([key, v]) => {
            const source = sourceLabel(t, v.from);
            return (
              <div
                key={key}
                className="project-effective-row"
                data-testid="effective"
                data-key={key}
                data-from={v.from}
              >
                <dt>
                  <code>{key}</code>
                </dt>
                <dd>
                  <code className="value">{visible(v.value)}</code>{' '}
                  <span className="muted small">← {source ?? <code>{visible(v.from)}</code>}</span>
                </dd>
              </div>
            );
          })}
        </dl>
      )}
    </section>
  );
}
