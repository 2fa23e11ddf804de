package dev.sluice.engine.serde;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.ClosureSerializer;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import com.esotericsoftware.kryo.util.Pool;
import dev.sluice.engine.error.EngineException;
import dev.sluice.engine.error.ErrorCode;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * Kryo serialization of user closures, plans and objects that have no Arrow encoding.
 *
 * <p>Kryo instances are not thread-safe; this class keeps a pool of them. Each borrowed instance
 * resolves classes through the calling thread's context class loader, so application classes load
 * where the application put them. Set up as TECH.md §4 verified: unregistered classes allowed,
 * references on, Objenesis for classes without a no-arg constructor, the closure serializer for
 * lambdas, and serializers for the JDK's unmodifiable collection views (see
 * {@link UnmodifiableSerializer}).
 */
public final class KryoSerde {
  private static final Pool<Kryo> POOL =
      new Pool<>(true, true, 64) {
        @Override
        protected Kryo create() {
          return newKryo();
        }
      };

  private KryoSerde() {}

  /**
   * A new Kryo instance set up as this class sets up its own (see the class comment), for callers
   * that keep instances of their own, such as the actor-message serializer, which adds serializers
   * and a fixed class loader. Not thread-safe, like every Kryo instance.
   */
  public static Kryo newKryo() {
    Kryo kryo = new Kryo();
    kryo.setRegistrationRequired(false);
    kryo.setReferences(true);
    kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
    kryo.register(Object[].class);
    kryo.register(Class.class);
    kryo.register(ClosureSerializer.Closure.class, new ClosureSerializer());
    UnmodifiableSerializer.register(kryo);
    return kryo;
  }

  /** Serializes {@code value} (which may be null) with its class. */
  public static byte[] serialize(Object value) {
    Kryo kryo = borrow();
    try (Output output = new Output(256, -1)) {
      kryo.writeClassAndObject(output, value);
      return output.toBytes();
    } catch (KryoException | IllegalArgumentException e) {
      throw new EngineException(
          ErrorCode.TASK_NOT_SERIALIZABLE,
          "Cannot serialize " + describe(value) + " with Kryo: " + e.getMessage(),
          e);
    } finally {
      POOL.free(kryo);
    }
  }

  /** Reads back what {@link #serialize} wrote. */
  @SuppressWarnings("unchecked")
  public static <T> T deserialize(byte[] bytes) {
    return deserialize(bytes, 0, bytes.length);
  }

  /** Reads back what {@link #serialize} wrote, from a slice of {@code bytes}. */
  @SuppressWarnings("unchecked")
  public static <T> T deserialize(byte[] bytes, int offset, int length) {
    Kryo kryo = borrow();
    try (Input input = new Input(bytes, offset, length)) {
      return (T) kryo.readClassAndObject(input);
    } catch (KryoException e) {
      throw new EngineException(
          ErrorCode.INTERNAL, "Cannot deserialize a Kryo payload: " + e.getMessage(), e);
    } finally {
      POOL.free(kryo);
    }
  }

  /**
   * A pooled instance for the calling thread's context class loader. Kryo caches the classes it
   * resolved by name, so an instance that resolved classes through another loader (a worker runs
   * each application in a class loader of its own, and two applications may have classes of the
   * same name) is replaced by a fresh one rather than reused.
   */
  private static Kryo borrow() {
    Kryo kryo = POOL.obtain();
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    ClassLoader loader = context != null ? context : KryoSerde.class.getClassLoader();
    if (kryo.getClassLoader() != loader) {
      kryo = newKryo();
      kryo.setClassLoader(loader);
    }
    return kryo;
  }

  private static String describe(Object value) {
    return value == null ? "null" : "an object of " + value.getClass().getName();
  }
}
