using GitOps.Core.Registry;

namespace GitOps.Core.Tests.Registry;

public sealed class RegistryListingTests
{
    [Fact]
    public void Format_FullRegistry_AlignsColumnsAndSortsByName()
    {
        var text = RegistryListing.Format(RegistryFixtures.Full());

        Assert.Equal(
            """
            SOURCES (2)
            NAME      URL                                             BRANCH  TOKEN SETTING
            local     /srv/git/local.git                              main    -
            platform  https://gitlab.example.com/platform/config.git  main    GITLAB_TOKEN

            CLUSTERS (2)
            NAME      CONNECTION                       CONTEXT
            dev       file /etc/gitops/dev.kubeconfig  kind-dev
            prod-weu  setting KUBECONFIG_PROD_WEU      -

            APPS (2)
            NAME   SOURCE    PATH                    CLUSTERS      NAMESPACE  SYNC    DRIFT    VARIABLES
            tools  local     tools                   dev           -          manual  alert    -
            web    platform  apps/web/overlays/prod  prod-weu,dev  web        auto    correct  CLUSTER_REGION,REPLICAS (strict)

            NOTIFICATIONS (2)
            NAME            TYPE     URL SETTING        SECRET SETTING  MIN SEVERITY  APPS  CLUSTERS  KINDS
            pager           webhook  PAGER_URL          PAGER_SECRET    error         web   prod-weu  drift,syncFailed
            platform-slack  slack    SLACK_WEBHOOK_URL  -               warning       all   all       all

            """,
            text.ReplaceLineEndings("\n"));
    }
}
