import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { FAMILIES, SEVERITIES, type Family, type FindingFilter, type Severity } from './filter';

/** Severity checkboxes (with each one's count), a family choice and a text search. */
export function Filters({
  filter,
  counts,
  onChange,
}: {
  filter: FindingFilter;
  counts: Record<Severity, number>;
  onChange(filter: FindingFilter): void;
}) {
  const { t } = useTranslation();
  const familyId = useId();
  const searchId = useId();
  const toggle = (severity: Severity, on: boolean) => {
    const severities = new Set(filter.severities);
    if (on) severities.add(severity);
    else severities.delete(severity);
    onChange({ ...filter, severities });
  };
  return (
    <form
      className="checklist-filters"
      aria-label={t('checklist.filters.label')}
      onSubmit={(e) => e.preventDefault()}
    >
      <fieldset>
        <legend>{t('checklist.filters.severity')}</legend>
        {SEVERITIES.map((severity) => (
          <label key={severity} className="checklist-check">
            <input
              type="checkbox"
              data-testid={`filter-${severity}`}
              checked={filter.severities.has(severity)}
              onChange={(e) => toggle(severity, e.target.checked)}
            />
            {t(`common.severity.${severity}`)}
            <span className="muted" data-testid={`count-${severity}`}>
              {counts[severity]}
            </span>
          </label>
        ))}
      </fieldset>
      <div className="checklist-field">
        <label htmlFor={familyId}>{t('checklist.filters.family')}</label>
        <select
          id={familyId}
          data-testid="filter-family"
          value={filter.family}
          onChange={(e) => onChange({ ...filter, family: e.target.value as Family | 'all' })}
        >
          <option value="all">{t('checklist.filters.allFamilies')}</option>
          {FAMILIES.map((family) => (
            <option key={family} value={family}>
              {t(`checklist.families.${family}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="checklist-field checklist-search">
        <label htmlFor={searchId}>{t('checklist.filters.search')}</label>
        <input
          id={searchId}
          type="search"
          data-testid="filter-search"
          value={filter.query}
          placeholder={t('checklist.filters.searchPlaceholder')}
          onChange={(e) => onChange({ ...filter, query: e.target.value })}
        />
      </div>
    </form>
  );
}
