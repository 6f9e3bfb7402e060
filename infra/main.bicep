// LaaWorkflow in Azure: a Linux function app on the Flex Consumption plan running the host as a
// custom handler, its storage account (reached with the app's managed identity, shared keys off),
// a Key Vault holding the secrets the app settings reference, and Application Insights.
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

@description('Instances kept running at all times for the HTTP group. They also run the durable worker, which owns partition leases and polls its queues itself, so at least one keeps timers and queued work moving while no request arrives.')
@minValue(0)
@maxValue(10)
param alwaysReadyInstances int = 1

@description('Days Log Analytics keeps logs and traces.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('Durable task hub name: the prefix of the durable runtime\'s tables and queues.')
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

@description('Admin keys, separated by ";". Empty: the Key Vault secret is left as it is.')
@secure()
param adminKeys string = ''

@description('Object id of whoever deploys, granted Key Vault Secrets Officer to read and rotate the secrets. Empty: no grant.')
param deployerPrincipalId string = ''

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
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
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
    // Everything reaches storage with the app's identity; no account key is ever handed out.
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
var appSettings = {
  // Storage through the managed identity: the Functions host and the app both read these.
  AzureWebJobsStorage__accountName: storage.name
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
  AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
  AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table
  APPLICATIONINSIGHTS_CONNECTION_STRING: insights.properties.ConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD'
  // The app serves its own dashboard at /; the host's placeholder page must not answer there.
  AzureWebJobsDisableHomepage: 'true'
  // The engine's tuning is in host.json (extensions.durableTask), read by the app's task hub; these are per deployment.
  DurableTask__HubName: taskHubName
  DurableTask__StorageProvider__Type: 'AzureStorage'
  // Empty: each instance names its leases itself, which scale-out needs.
  DurableTask__WorkerId: ''
  // Real negotiations only in Azure: a paced rehearsal is for demos and tests.
  Rehearsals__Enabled: 'false'
  Host__AdminKeys: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${secretNames.adminKeys})'
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
        alwaysReady: alwaysReadyInstances > 0 ? [
          {
            name: 'http'
            instanceCount: alwaysReadyInstances
          }
        ] : []
      }
      // The package is a self-contained linux-x64 executable started by host.json's customHandler,
      // so the language stack only chooses the base image; .NET's is the closest fit.
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

output functionAppName string = app.name
output functionAppUrl string = 'https://${app.properties.defaultHostName}'
output storageAccountName string = storage.name
output keyVaultName string = vault.name
output applicationInsightsName string = insights.name
