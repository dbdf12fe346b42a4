namespace ProgressVision.Analysis.Registration;

/// <summary>Keypoints (feature-level pixels) and their descriptors, <see cref="OrientedBrief.Words"/> ulongs each.</summary>
internal sealed class FeatureSet(Keypoint[] keypoints, ulong[] descriptors)
{
    public Keypoint[] Keypoints { get; } = keypoints;

    public ulong[] Descriptors { get; } = descriptors;

    public int Count => Keypoints.Length;

    public ReadOnlySpan<ulong> Descriptor(int i) => Descriptors.AsSpan(i * OrientedBrief.Words, OrientedBrief.Words);
}
