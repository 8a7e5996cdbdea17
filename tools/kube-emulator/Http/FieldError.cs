namespace KubeEmulator.Http;

/// <summary>One validation failure, formatted as the API server's field errors are.</summary>
internal sealed record FieldError(string Field, string Reason, string Detail)
{
    public string Message => Detail;

    public static FieldError Required(string field, string detail) =>
        new(field, "FieldValueRequired", detail.Length == 0 ? "Required value" : "Required value: " + detail);

    public static FieldError Invalid(string field, string value, string detail) =>
        new(field, "FieldValueInvalid", $"Invalid value: \"{value}\": {detail}");

    public static FieldError InvalidRaw(string field, string rendered, string detail) =>
        new(field, "FieldValueInvalid", $"Invalid value: {rendered}: {detail}");

    public override string ToString() => $"{Field}: {Detail}";
}
