import { metricSamples } from './prometheus-text.presenter';

describe('metricSamples', () => {
  it('reads the samples of one metric with their labels, skipping comments and other metrics', () => {
    const text = '# HELP workqueue_depth Current depth of workqueue\n# TYPE workqueue_depth gauge\nworkqueue_depth{name="deployment"} 3\nworkqueue_depth{name="job"} 0\nother_metric 7\n';
    expect(metricSamples(text, 'workqueue_depth')).toEqual([{ labels: { name: 'deployment' }, value: 3 }, { labels: { name: 'job' }, value: 0 }]);
    expect(metricSamples(text, 'other_metric')).toEqual([{ labels: {}, value: 7 }]);
  });
});
