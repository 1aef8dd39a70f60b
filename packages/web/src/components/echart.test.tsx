import { cleanup, render } from '@testing-library/react';
import { afterEach, expect, test } from 'vitest';
import { EChart } from './echart';

afterEach(cleanup);

const bars = (data: number[]) => ({
  animation: false,
  xAxis: { type: 'category', data: data.map((_, i) => `stage ${i + 1}`) },
  yAxis: { type: 'value' },
  series: [{ type: 'bar', data }],
});

test('EChart draws the option as SVG, labelled, and redraws when the option changes', () => {
  const { container, getByRole, rerender } = render(
    <EChart label="By stage" option={bars([3, 5])} width={400} height={200} />,
  );
  const chart = getByRole('figure', { name: 'By stage' });
  expect(chart.querySelector('svg')).not.toBeNull();
  expect(container.textContent).toContain('stage 2');
  expect(container.textContent).not.toContain('stage 3');
  rerender(<EChart label="By stage" option={bars([3, 5, 8])} width={400} height={200} />);
  expect(container.textContent).toContain('stage 3');
});

test('EChart is disposed with its component', () => {
  const { container, unmount } = render(<EChart label="Gases" option={bars([1])} width={300} height={150} />);
  const host = container.querySelector('.echart-host') as HTMLElement;
  expect(host.querySelector('svg')).not.toBeNull();
  unmount();
  expect(host.querySelector('svg')).toBeNull();
});
