namespace IpbesFlow.Web;

/// <summary>The pages' text (Resources/Text.resx, English; Text.{language}.resx for the other UN languages). A key is
/// the English text itself, so a page reads as it will be shown.</summary>
public sealed class Text;
