// LaaWorkflow in Azure: a .NET isolated worker function app on the Flex Consumption plan (Linux),
// running the orchestrations on the Durable Functions extension with its default Azure Storage
// backend; its storage account (reached with the app's managed identity, shared keys off), a Key
// Vault holding the secrets the app settings reference, and Application Insights.
// Deploy with infra/deploy.sh, which also builds and uploads the package (see infra/README.md).

targetScope = 'resourceGroup'

@description('Short lowercase prefix of every resource name (letters and digits, 3 to 11 characters).')
@minLength(3)
@maxLength(11)
param baseName string = 'laawf'

@description('Region of every resource; it must offer the Flex Consumption plan.')
param location string = resourceGroup().location

@description('Most instances the app may scale out to. Each is billed only while it runs.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory of each instance, in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Instances kept running at all times for the HTTP functions (the "http" scale group). 0: the app scales to zero and the first request after an idle spell waits for a cold start; each instance is billed for its memory all month.')
@minValue(0)
@maxValue(10)
param alwaysReadyInstances int = 0

@description('Instances kept running at all times for the orchestrator and activity functions (the "durable" scale group). 0: the scale controller starts one when the task hub\'s queues hold work, so a started negotiation, an answer or a due timer waits for a cold start; each instance is billed for its memory all month.')
@minValue(0)
@maxValue(10)
param alwaysReadyDurableInstances int = 0

@description('Days Log Analytics keeps logs and traces.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('Durable Functions task hub name (host.json reads it as %TaskHubName%): the prefix of the task hub\'s tables, queues and containers.')
param taskHubName string = 'LaaWorkflow'

@description('Sender address of every email; the domain must be verified in SendGrid.')
param emailFromAddress string

@description('Display name of the sender.')
param emailFromName string = 'Local Area Agreement'

@description('Where partners reach the app, for links in emails. Empty: the app\'s azurewebsites.net address.')
param publicBaseUrl string = ''

@description('Domain SendGrid Inbound Parse receives replies for (reply+{token}@ this domain).')
param inboundDomain string

@description('SendGrid Event Webhook verification key (public, base64 SubjectPublicKeyInfo). Empty: bounce events are refused.')
param eventWebhookPublicKey string = ''

@description('How long a finished negotiation\'s history is kept before the maintenance timer purges it (d.hh:mm:ss).')
param finishedInstanceRetention string = '400.00:00:00'

@description('SendGrid API key with Mail Send permission. Empty: the Key Vault secret is left as it is.')
@secure()
param sendGridApiKey string = ''

@description('Answer token signing key, base64 of at least 32 random bytes. Empty: the Key Vault secret is left as it is.')
@secure()
param answerTokenKey string = ''

@description('Secret the Inbound Parse URL carries. Empty: the Key Vault secret is left as it is.')
@secure()
param inboundParseSecret string = ''

@description('Object id of whoever deploys, granted Key Vault Secrets Officer to read and rotate the secrets. Empty: no grant.')
param deployerPrincipalId string = ''

@description('Object ids of admins (users or groups) who connect Durable Functions Monitor to the task hub with their own Entra identity. Each gets Reader and the Storage Blob, Queue and Table Data Contributor roles on the storage account, which also opens every other container, queue and table in it. Empty: no grant.')
param taskHubMonitorPrincipalIds array = []

@description('The admin key, also set as the Functions host key "admins" by deploy.sh: the Functions host checks it on the admin routes, and the app on the one route that is anonymous to the host because a signed link also opens it (the Government Office decision). Empty: the Key Vault secret is left as it is.')
@secure()
param adminKeys string = ''

var token = toLower(uniqueString(resourceGroup().id, baseName))
var storageAccountName = take('${baseName}${token}', 24)
var appName = '${baseName}-func-${token}'
var planName = '${baseName}-plan-${token}'
var vaultName = take('${baseName}-kv-${token}', 24)
var workspaceName = '${baseName}-logs-${token}'
var insightsName = '${baseName}-insights-${token}'
var packageContainerName = 'app-package'
var answerTokenKeyId = 'k1'

// Built-in role definition ids (the same in every tenant).
var roles = {
  reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7'
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

var secretNames = {
  sendGridApiKey: 'sendgrid-api-key'
  answerTokenKey: 'answer-token-key'
  inboundParseSecret: 'inbound-parse-secret'
  adminKeys: 'admin-keys'
}

// Flex Consumption scales HTTP functions and durable (orchestrator, activity) functions as separate groups.
var httpAlwaysReady = alwaysReadyInstances > 0 ? [
  {
    name: 'http'
    instanceCount: alwaysReadyInstances
  }
] : []
var durableAlwaysReady = alwaysReadyDurableInstances > 0 ? [
  {
    name: 'durable'
    instanceCount: alwaysReadyDurableInstances
  }
] : []

// The roles each Durable Functions Monitor admin gets on the storage account: Reader to find it, and the
// data roles to read and manage the task hub's tables, queues and blobs.
var monitorRoleIds = [
  roles.reader
  roles.storageBlobDataContributor
  roles.storageQueueDataContributor
  roles.storageTableDataContributor
]

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    // Everything reaches storage with an Entra identity; no account key is ever handed out.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    accessTier: 'Hot'
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource packageContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: packageContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: workspaceName
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionDays
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: insightsName
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    // Telemetry is accepted from Entra identities only (the app's, via Monitoring Metrics Publisher).
    DisableLocalAuth: true
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: vaultName
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
  }
}

// Each secret is written only when a value is given, so a redeploy without it keeps the current one
// (rotating the answer token key by accident would void every link already emailed).
resource sendGridApiKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(sendGridApiKey)) {
  parent: vault
  name: secretNames.sendGridApiKey
  properties: {
    value: sendGridApiKey
  }
}

resource answerTokenKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(answerTokenKey)) {
  parent: vault
  name: secretNames.answerTokenKey
  properties: {
    value: answerTokenKey
  }
}

resource inboundParseSecretSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(inboundParseSecret)) {
  parent: vault
  name: secretNames.inboundParseSecret
  properties: {
    value: inboundParseSecret
  }
}

resource adminKeysSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(adminKeys)) {
  parent: vault
  name: secretNames.adminKeys
  properties: {
    value: adminKeys
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

// Every setting the app reads (local.settings.sample.json lists the same keys with local values).
// Secrets are Key Vault references resolved by the app's identity; nothing secret is stored here.
// FUNCTIONS_WORKER_RUNTIME and FUNCTIONS_EXTENSION_VERSION are absent on purpose: Flex Consumption takes
// the stack from functionAppConfig.runtime and refuses them. Admin routes are authorised by the Functions
// host's keys; Host__AdminKeys holds the same admin key for the one route the app checks itself.
var appSettings = {
  // Storage through the managed identity: the Functions host, the Durable Functions extension and the app read these.
  AzureWebJobsStorage__accountName: storage.name
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
  AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
  AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table
  APPLICATIONINSIGHTS_CONNECTION_STRING: insights.properties.ConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD'
  // The app serves its own dashboard at /; the host's placeholder page must not answer there.
  AzureWebJobsDisableHomepage: 'true'
  // host.json's extensions.durableTask.hubName is %TaskHubName%; the extension's tuning stays in host.json.
  TaskHubName: taskHubName
  // The one app-checked admin key (deploy.sh sets the same value as the host key "admins").
  Host__AdminKeys: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${secretNames.adminKeys})'
  // Real negotiations only in Azure: a paced rehearsal is for demos and tests.
  Rehearsals__Enabled: 'false'
  Host__DevRoutes: 'false'
  Host__MaxRequestBodyBytes: '262144'
  Host__AnswerRequestsPerMinute: '30'
  Negotiation__TablePrefix: 'Laa'
  Negotiation__DocumentContainer: 'agreements'
  Email__Transport: 'SendGrid'
  Email__FromAddress: emailFromAddress
  Email__FromName: emailFromName
  Email__PublicBaseUrl: empty(publicBaseUrl) ? 'https://${appName}.azurewebsites.net' : publicBaseUrl
  Email__InboundDomain: inboundDomain
  Email__InboundSecret: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${secretNames.inboundParseSecret})'
  Email__MaxInboundBytes: '5242880'
  Email__EventWebhookPublicKey: eventWebhookPublicKey
  Email__EventWebhookMaxAge: '00:10:00'
  Email__TablePrefix: 'Email'
  Email__Tokens__ActiveKeyId: answerTokenKeyId
  Email__Tokens__Keys__k1: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${secretNames.answerTokenKey})'
  SendGrid__ApiKey: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${secretNames.sendGridApiKey})'
  SendGrid__BaseUrl: 'https://api.sendgrid.com'
  SendGrid__MaxAttempts: '5'
  SendGrid__BaseDelay: '00:00:01'
  SendGrid__MaxDelay: '00:01:00'
  SendGrid__Timeout: '00:00:30'
  Maintenance__FinishedInstanceRetention: finishedInstanceRetention
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: 'SystemAssigned'
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${packageContainerName}'
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
        alwaysReady: concat(httpAlwaysReady, durableAlwaysReady)
      }
      // The .NET isolated worker model on .NET 10; Flex Consumption sets the worker runtime from this.
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
  dependsOn: [
    packageContainer
  ]
}

// The whole settings list, replaced on every deployment so a removed key does not linger.
resource appSettingsConfig 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: app
  name: 'appsettings'
  properties: appSettings
}

// The app's identity: Blob Data Owner for the host (AzureWebJobsStorage) and the deployment container;
// Queue and Table Data Contributor for the Durable Functions task hub (control and work-item queues,
// history and instances tables; its lease and large-message blobs fall under the blob role).
resource storageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in [
  roles.storageBlobDataOwner
  roles.storageQueueDataContributor
  roles.storageTableDataContributor
]: {
  name: guid(storage.id, app.id, role)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}]

resource vaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, app.id, roles.keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource insightsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(insights.id, app.id, roles.monitoringMetricsPublisher)
  scope: insights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource deployerSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployerPrincipalId)) {
  name: guid(vault.id, deployerPrincipalId, roles.keyVaultSecretsOfficer)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsOfficer)
    principalId: deployerPrincipalId
  }
}

// One assignment per admin and role: index i is admin i / 4 with role i % 4.
resource monitorRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for i in range(0, length(taskHubMonitorPrincipalIds) * length(monitorRoleIds)): {
  name: guid(storage.id, taskHubMonitorPrincipalIds[i / length(monitorRoleIds)], monitorRoleIds[i % length(monitorRoleIds)])
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitorRoleIds[i % length(monitorRoleIds)])
    principalId: taskHubMonitorPrincipalIds[i / length(monitorRoleIds)]
  }
}]

output functionAppName string = app.name
output functionAppUrl string = 'https://${app.properties.defaultHostName}'
output storageAccountName string = storage.name
output keyVaultName string = vault.name
output applicationInsightsName string = insights.name
output taskHubName string = taskHubName
