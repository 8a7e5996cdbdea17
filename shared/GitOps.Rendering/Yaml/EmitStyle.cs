namespace GitOps.Rendering.Yaml;

/// <summary>How the emitter writes a scalar.</summary>
internal enum EmitStyle
{
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
}
