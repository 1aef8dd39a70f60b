import type { Schema } from '@opencfp/client';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../i18n/format';
import { datasetPath } from './dataset-path';

type DatasetDetail = Schema<'DatasetDetail'>;

export interface DatasetFactsProps {
  detail: DatasetDetail;
  /** The product whose footprint the page shows (a multi-output process has several). */
  chosenProductId: string | undefined;
}

/**
 * What a dataset is: location, category, process type, reference product and its unit, tags, id; its products when
 * it has several (each a dataset of its own: a link shows its footprint); and its description as the database
 * writes it.
 *
 * @example <DatasetFacts detail={detail} chosenProductId={chosen?.productId} />
 */
export function DatasetFacts({ detail, chosenProductId }: DatasetFactsProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const notGiven = <span className="muted">{t('process.notGiven')}</span>;
  const { location, referenceProduct, products } = detail;
  return (
    <section className="card" aria-labelledby="facts-heading">
      <h2 id="facts-heading">{t('process.facts')}</h2>
      <dl className="facts">
        <dt>{t('process.location')}</dt>
        <dd>
          {location === null
            ? notGiven
            : location.code === null || location.code === location.name
              ? location.name
              : t('process.locationValue', { name: location.name, code: location.code })}
        </dd>
        <dt>{t('process.category')}</dt>
        <dd>{detail.category ?? notGiven}</dd>
        <dt>{t('process.type')}</dt>
        <dd>{t(`process.types.${detail.type}`)}</dd>
        <dt>{t('process.referenceProduct')}</dt>
        <dd>
          {referenceProduct === null ? (
            <span className="muted">{t('process.noReferenceProduct')}</span>
          ) : (
            <>
              {t('process.referenceProductValue', {
                name: referenceProduct.productName,
                unit: referenceProduct.unit,
              })}
              {referenceProduct.isWaste && <span className="badge">{t('process.waste')}</span>}
            </>
          )}
        </dd>
        <dt>{t('process.tags')}</dt>
        <dd>
          {detail.tags.length === 0
            ? notGiven
            : detail.tags.map((tag) => (
                <span key={tag} className="badge badge-first">
                  {tag}
                </span>
              ))}
        </dd>
        <dt>{t('process.id')}</dt>
        <dd className="mono">{detail.processId}</dd>
      </dl>
      {products.length > 1 && (
        <>
          <h3>{t('process.products')}</h3>
          <p className="muted small">
            {t('process.productsNote', { number: format.integer(products.length) })}
          </p>
          <ul className="plain-list product-choice">
            {products.map((p) => (
              <li key={p.productId}>
                {p.productId === chosenProductId ? (
                  <strong aria-current="true">{p.productName}</strong>
                ) : (
                  <Link to={datasetPath(detail.versionId, detail.processId, p.productId)}>
                    {p.productName}
                  </Link>
                )}{' '}
                <span className="muted small">({p.unit})</span>
                {p.productId === referenceProduct?.productId && (
                  <span className="badge">{t('process.isReference')}</span>
                )}
                {p.isWaste && <span className="badge">{t('process.waste')}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>{t('process.description')}</h3>
      {detail.description === null ? (
        <p className="muted small">{t('process.notGiven')}</p>
      ) : (
        <p className="description">{detail.description}</p>
      )}
    </section>
  );
}
