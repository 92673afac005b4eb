import * as assert from 'node:assert/strict';
import { budgetProgress } from '../../../src/core/cost/budgetProgress';

const s = (usd: number, unknownCost = 0) => ({ usd, unknownCost });

describe('budget progress (Show Usage)', () => {
  it('measures today against the daily budget and the month against the monthly one', () => {
    const [day, month] = budgetProgress({ today: s(1.2), month: s(30), dailyUsd: 5, monthlyUsd: 40 });
    assert.equal(day.period, 'day');
    assert.equal(day.percent, 24);
    assert.equal(day.state, 'ok');
    assert.equal(day.text, '$1.20 of $5.00 (24%)');
    assert.equal(month.percent, 75);
    assert.equal(month.text, '$30.00 of $40.00 (75%)');
  });

  it('warns from 80%, says when a budget is reached, and never draws past the end', () => {
    const [near, over] = budgetProgress({ today: s(4.5), month: s(60), dailyUsd: 5, monthlyUsd: 40 });
    assert.equal(near.state, 'near');
    assert.equal(over.state, 'over');
    assert.equal(over.percent, 100);
    assert.equal(over.text, '$60.00 of $40.00 (150%) · budget reached');
  });

  it('a budget of 0 is "no budget": no bar, the spend and what is not set', () => {
    const [day, month] = budgetProgress({ today: s(0.5, 2), month: s(0.5, 2), dailyUsd: 0, monthlyUsd: 0 });
    assert.equal(day.state, 'unset');
    assert.equal(day.percent, undefined);
    assert.equal(day.text, '$0.50 + 2 unpriced · no daily budget set');
    assert.equal(month.text, '$0.50 + 2 unpriced · no monthly budget set');
  });

  it('a sliver of a budget reads "<1%", not 0%', () => {
    const [day] = budgetProgress({ today: s(0.004), month: s(0.004), dailyUsd: 5, monthlyUsd: 0 });
    assert.equal(day.text, '$0.0040 of $5.00 (<1%)');
    assert.ok(day.percent! > 0);
  });
});
