import type { DocLink } from '../../model';

/** Microsoft Learn pages the findings point to, named once so every rule links the same pages. */
const base = 'https://learn.microsoft.com/azure/container-apps';

export const LINKS = {
  troubleshooting: { title: 'Troubleshoot a container app', url: `${base}/troubleshooting` },
  startFailures: {
    title: 'Troubleshoot container start failures',
    url: `${base}/troubleshoot-container-start-failures`,
  },
  logs: { title: 'Monitor logs in Azure Container Apps with Log Analytics', url: `${base}/log-monitoring` },
  envVars: { title: 'Manage environment variables on Azure Container Apps', url: `${base}/environment-variables` },
  secrets: { title: 'Manage secrets in Azure Container Apps', url: `${base}/manage-secrets` },
  containers: { title: 'Containers in Azure Container Apps (CPU and memory)', url: `${base}/containers` },
  probes: { title: 'Health probes in Azure Container Apps', url: `${base}/health-probes` },
  ingress: { title: 'Ingress in Azure Container Apps', url: `${base}/ingress-overview` },
  quotas: { title: 'Quotas for Azure Container Apps', url: `${base}/quotas` },
  storage: { title: 'Use storage mounts in Azure Container Apps', url: `${base}/storage-mounts` },
  identity: { title: 'Managed identities in Azure Container Apps', url: `${base}/managed-identity` },
  imagePull: {
    title: 'Pull images from Azure Container Registry with managed identity',
    url: `${base}/managed-identity-image-pull`,
  },
  scale: { title: 'Set scaling rules in Azure Container Apps', url: `${base}/scale-app` },
  revisions: { title: 'Revisions in Azure Container Apps', url: `${base}/revisions` },
  lifecycle: { title: 'Application lifecycle management (shutdown)', url: `${base}/application-lifecycle-management` },
  networking: { title: 'Networking in Azure Container Apps', url: `${base}/networking` },
  jobs: { title: 'Jobs in Azure Container Apps', url: `${base}/jobs` },
} satisfies Record<string, DocLink>;
