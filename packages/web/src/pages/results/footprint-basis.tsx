import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { unitMatch, type ProductUnit, type ResultUnit } from './declared-unit';

/**
 * What a footprint is per, always the result's own unit (`footprint.declaredUnit`: "per 1.1 kg", with the
 * product's name when given) — never the product's declared unit. When the product is known and its declared unit
 * differs (another amount or another unit), a short note says that the model's reference output is not the
 * product's declared unit and that the footprint is shown per the output, not rescaled; when they agree, the unit
 * is called the declared unit.
 *
 * @example <FootprintBasis unit={result.declaredUnit} product={product} productName="LFP pack" className="muted" />
 */
export function FootprintBasis({
  unit,
  product,
  productName,
  className,
}: {
  unit: ResultUnit;
  /** The product's declared unit (null or left out: not known here, nothing is compared). */
  product?: ProductUnit | null;
  productName?: string | null;
  className?: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const own = format.amount(unit.amount, unit.unit);
  const match = product ? unitMatch(unit, product) : null;
  const per = productName
    ? t('results.basis.perOf', { unit: own, product: productName })
    : t('results.basis.per', { unit: own });
  return (
    <div className={className} data-footprint-unit={`${unit.amount} ${unit.unit}`}>
      <span>
        {per}
        {match === 'same' && ` ${t('results.basis.declared')}`}
      </span>
      {product && match !== null && match !== 'same' && (
        <div className="issue-warning small footprint-unit-note" role="note">
          {t('results.basis.differs', {
            output: own,
            declared: format.amount(product.declaredUnitAmount, product.declaredUnit),
          })}
        </div>
      )}
    </div>
  );
}
