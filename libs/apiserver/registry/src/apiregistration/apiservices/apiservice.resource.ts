import type { ResourceDefinition } from '../../resource.types';
import { apiServiceStrategy } from './apiservice.strategy';

/** apiregistration.k8s.io/v1 APIService: kube-aggregator's registration of a served group/version. */
export const apiServiceResource: ResourceDefinition = {
  group: 'apiregistration.k8s.io',
  version: 'v1',
  kind: 'APIService',
  resource: 'apiservices',
  singular: 'apiservice',
  namespaced: false,
  categories: ['api-extensions'],
  nameValidation: 'pathSegment',
  model: 'io.k8s.kube-aggregator.pkg.apis.apiregistration.v1.APIService',
  subresources: { status: true },
  strategy: apiServiceStrategy,
};
