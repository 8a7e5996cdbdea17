namespace GitOps.Rendering.Yaml;

/// <summary>Which styles libyaml's emitter allows for a scalar (its yaml_emitter_analyze_scalar result).</summary>
internal readonly record struct ScalarStyleAnalysis(bool Multiline, bool BlockPlainAllowed, bool SingleQuotedAllowed, bool BlockAllowed);
