namespace GitOps.IntegrationTests.Infrastructure;

/// <summary>Small manifests for pipeline tests (namespace left to the app's target namespace).</summary>
public static class Manifests
{
    public static string Namespace(string name) => $"""
        apiVersion: v1
        kind: Namespace
        metadata:
          name: {name}
        """;

    public static string ConfigMap(string name, string greeting) => $"""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: {name}
        data:
          greeting: "{greeting}"
          port: "8080"
        """;

    public static string Deployment(string name, int replicas, string image = "nginx:1.27") => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {name}
          labels:
            app: {name}
        spec:
          replicas: {replicas}
          selector:
            matchLabels:
              app: {name}
          template:
            metadata:
              labels:
                app: {name}
            spec:
              containers:
                - name: {name}
                  image: {image}
                  ports:
                    - containerPort: 80
        """;

    /// <summary>A namespaced CustomResourceDefinition of kind Widget (plural widgets) in <paramref name="group"/>, version v1.</summary>
    public static string WidgetCrd(string group) => $"""
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.{group}
        spec:
          group: {group}
          scope: Namespaced
          names:
            plural: widgets
            singular: widget
            kind: Widget
          versions:
            - name: v1
              served: true
              storage: true
              schema:
                openAPIV3Schema:
                  type: object
                  x-kubernetes-preserve-unknown-fields: true
        """;
}
