namespace GitOps.Core; internal static class Placeholder { }
