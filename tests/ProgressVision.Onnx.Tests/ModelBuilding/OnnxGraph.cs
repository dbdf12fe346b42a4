namespace ProgressVision.Onnx.Tests.ModelBuilding;

/// <summary>
/// A minimal ONNX model writer: nodes, float initializers, typed inputs/outputs, opset 17.
/// Field numbers are those of onnx/onnx.proto (ModelProto, GraphProto, NodeProto, AttributeProto,
/// TensorProto, ValueInfoProto, TypeProto, TensorShapeProto).
/// </summary>
public sealed class OnnxGraph
{
    private readonly List<Action<ProtoWriter>> _nodes = [];
    private readonly List<Action<ProtoWriter>> _initializers = [];
    private readonly List<Action<ProtoWriter>> _inputs = [];
    private readonly List<Action<ProtoWriter>> _outputs = [];

    /// <summary>Element type codes of TensorProto.DataType.</summary>
    public const int Float = 1;

    /// <summary>TensorProto.DataType DOUBLE.</summary>
    public const int Double = 11;

    /// <summary>Declares a graph input. A dimension is either a long (fixed) or a string (symbolic name).</summary>
    public OnnxGraph Input(string name, int elementType, params object[] dims)
    {
        _inputs.Add(w => ValueInfo(w, name, elementType, dims));
        return this;
    }

    /// <summary>Declares a graph output.</summary>
    public OnnxGraph Output(string name, int elementType, params object[] dims)
    {
        _outputs.Add(w => ValueInfo(w, name, elementType, dims));
        return this;
    }

    /// <summary>Adds a float32 constant tensor (a weight).</summary>
    public OnnxGraph Initializer(string name, float[] values, params long[] dims)
    {
        if (values.Length != dims.Aggregate(1L, (a, b) => a * b))
        {
            throw new ArgumentException($"Initializer {name}: {values.Length} values for shape [{string.Join(",", dims)}].");
        }

        _initializers.Add(w => w
            .RepeatedInt64(1, dims)            // TensorProto.dims
            .Int64(2, Float)                   // TensorProto.data_type
            .PackedFloats(4, values)           // TensorProto.float_data
            .String(8, name));                 // TensorProto.name
        return this;
    }

    /// <summary>Adds a node. Attributes are (name, value) with value a long, float, long[] or float[].</summary>
    public OnnxGraph Node(string opType, string[] inputs, string[] outputs, params (string Name, object Value)[] attributes)
    {
        _nodes.Add(w =>
        {
            foreach (var input in inputs)
            {
                w.String(1, input);            // NodeProto.input
            }

            foreach (var output in outputs)
            {
                w.String(2, output);           // NodeProto.output
            }

            w.String(3, $"{opType}_{outputs[0]}"); // NodeProto.name
            w.String(4, opType);               // NodeProto.op_type
            foreach (var (name, value) in attributes)
            {
                w.Message(5, a => Attribute(a, name, value)); // NodeProto.attribute
            }
        });
        return this;
    }

    /// <summary>Serializes the ModelProto.</summary>
    public byte[] ToModelBytes(string graphName = "test_graph")
    {
        var model = new ProtoWriter()
            .Int64(1, 8)                                  // ModelProto.ir_version (IR 8 goes with opset 17)
            .String(2, "ProgressVision.Onnx.Tests")       // ModelProto.producer_name
            .Message(7, g =>                              // ModelProto.graph
            {
                foreach (var node in _nodes)
                {
                    g.Message(1, node);                   // GraphProto.node
                }

                g.String(2, graphName);                   // GraphProto.name
                foreach (var init in _initializers)
                {
                    g.Message(5, init);                   // GraphProto.initializer
                }

                foreach (var input in _inputs)
                {
                    g.Message(11, input);                 // GraphProto.input
                }

                foreach (var output in _outputs)
                {
                    g.Message(12, output);                // GraphProto.output
                }
            })
            .Message(8, o => o.String(1, string.Empty).Int64(2, 17)); // ModelProto.opset_import: default domain, opset 17
        return model.ToArray();
    }

    private static void ValueInfo(ProtoWriter w, string name, int elementType, object[] dims)
    {
        w.String(1, name);                                // ValueInfoProto.name
        w.Message(2, type => type.Message(1, tensor =>    // ValueInfoProto.type -> TypeProto.tensor_type
        {
            tensor.Int64(1, elementType);                 // TypeProto.Tensor.elem_type
            tensor.Message(2, shape =>                    // TypeProto.Tensor.shape
            {
                foreach (var dim in dims)
                {
                    shape.Message(1, d =>                 // TensorShapeProto.dim
                    {
                        switch (dim)
                        {
                            case string symbol: d.String(2, symbol); break;               // dim_param
                            default: d.Int64(1, Convert.ToInt64(dim, System.Globalization.CultureInfo.InvariantCulture)); break; // dim_value
                        }
                    });
                }
            });
        }));
    }

    private static void Attribute(ProtoWriter a, string name, object value)
    {
        a.String(1, name);                                // AttributeProto.name
        switch (value)
        {
            case float f:
                a.Float(2, f).Int64(20, 1);               // f, type = FLOAT
                break;
            case long or int:
                a.Int64(3, Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)).Int64(20, 2); // i, type = INT
                break;
            case long[] ints:
                a.RepeatedInt64(8, ints).Int64(20, 7);    // ints, type = INTS
                break;
            case float[] floats:
                foreach (var f in floats)
                {
                    a.Float(7, f);                        // floats
                }

                a.Int64(20, 6);                           // type = FLOATS
                break;
            default:
                throw new ArgumentException($"Unsupported attribute value {value.GetType()} for {name}.");
        }
    }
}
