using ProgressVision.Analysis.Healing;

namespace ProgressVision.Analysis.Tests.Healing;

/// <summary>Flag types map to the model's output columns in the order of models/healing/MODEL_CARD.md.</summary>
public class HealingFlagTypesTests
{
    [Theory]
    [InlineData("healthy", 0)]
    [InlineData(HealingFlagTypes.Redness, 1)]
    [InlineData(HealingFlagTypes.PatchyFade, 2)]
    [InlineData(HealingFlagTypes.Blowout, 3)]
    [InlineData("bruising", -1)]
    public void ClassIndex_is_the_output_column(string type, int column) =>
        Assert.Equal(column, HealingFlagTypes.ClassIndex(type));
}
